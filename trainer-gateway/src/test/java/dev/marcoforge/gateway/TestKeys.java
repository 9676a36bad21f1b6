package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Makes API keys through the admin API, as {@code ./marco keys create} does. */
final class TestKeys {

    private TestKeys() {
    }

    static String create(Map<String, ?> body) {
        return given().header("Authorization", "Bearer " + ApiTestSettings.ADMIN_SECRET)
                .contentType(ContentType.JSON).body(body).post("/admin/keys")
                .then().statusCode(201).extract().path("key");
    }

    static String unlimited(String name) {
        return create(Map.of("name", name));
    }
}
