package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceEndpointsTests {

    @Test
    void modelsListThePolicyTheCriticAndTheLongThinkerAsSimulators() {
        when().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data", hasSize(3))
                .body("data.id", equalTo(List.of("sandbox-policy", "sandbox-critic", "sandbox-longcot")))
                .body("data.object", everyItem(equalTo("model")))
                .body("data.owned_by", everyItem(equalTo("marco-forge-sandbox")))
                .body("data.description", everyItem(containsString("Simulator")))
                .body("data[1].description", containsString("critic"))
                .body("data[2].description", containsString("long_thinker"));
        when().get("/v1/models/my-critic-v2").then().statusCode(200)
                .body("id", equalTo("my-critic-v2"))
                .body("description", containsString("critic"));
    }

    @Test
    void metricsCountRequestsByEndpointAndPersona() {
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "judge-critic", "messages", List.of(Map.of("role", "user",
                        "content", "How many r are in strawberry?"))))
                .post("/v1/chat/completions").then().statusCode(200);
        when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_requests_total{endpoint=\"chat.completions\",persona=\"critic\"}"))
                .body(containsString("sandbox_generated_tokens_total{endpoint=\"chat.completions\",persona=\"critic\"}"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/chat/completions"));
    }
}
