package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErrorResponsesTests {

    private static final List<Map<String, String>> HELLO = List.of(Map.of("role", "user", "content", "Hello"));

    @Test
    void missingMessages() {
        rejected("{\"model\":\"sandbox-policy\"}", "messages").body("error.message", containsString("messages"));
        rejected("{\"messages\":[]}", "messages");
        rejected("{\"messages\":\"hi\"}", "messages");
    }

    @Test
    void badMessages() {
        rejected("{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "messages[0].role");
        rejected("{\"messages\":[{\"content\":\"x\"}]}", "messages[0].role");
        rejected("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"user\"}]}", "messages[1].content");
        rejected("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}", "messages[0].content[0].text");
    }

    @Test
    void samplingFieldsOutOfRangeOrOfTheWrongType() {
        rejected(Map.of("messages", HELLO, "n", 0), "n");
        rejected(Map.of("messages", HELLO, "n", 17), "n");
        rejected(Map.of("messages", HELLO, "temperature", 2.5), "temperature");
        rejected(Map.of("messages", HELLO, "temperature", -0.1), "temperature");
        rejected(Map.of("messages", HELLO, "temperature", "hot"), "temperature");
        rejected(Map.of("messages", HELLO, "top_p", 1.5), "top_p");
        rejected(Map.of("messages", HELLO, "max_tokens", 0), "max_tokens");
        rejected(Map.of("messages", HELLO, "max_tokens", 2.5), "max_tokens");
        rejected(Map.of("messages", HELLO, "stop", 3), "stop");
        rejected(Map.of("messages", HELLO, "stop", List.of("ok", 3)), "stop[1]");
        rejected(Map.of("messages", HELLO, "seed", "abc"), "seed");
        rejected(Map.of("messages", HELLO, "stream", "yes"), "stream");
        rejected(Map.of("messages", HELLO, "stream_options", Map.of("include_usage", 1)),
                "stream_options.include_usage");
    }

    @Test
    void logprobFieldsOutOfRangeOfTheWrongTypeOrWithoutLogprobs() {
        rejected(Map.of("messages", HELLO, "top_logprobs", 3), "top_logprobs")
                .body("error.message", containsString("'logprobs' must be set to true"));
        rejected(Map.of("messages", HELLO, "logprobs", false, "top_logprobs", 0), "top_logprobs");
        rejected(Map.of("messages", HELLO, "logprobs", true, "top_logprobs", 21), "top_logprobs");
        rejected(Map.of("messages", HELLO, "logprobs", true, "top_logprobs", -1), "top_logprobs");
        rejected(Map.of("messages", HELLO, "logprobs", true, "top_logprobs", 2.5), "top_logprobs");
        rejected(Map.of("messages", HELLO, "logprobs", 1), "logprobs");
        given().contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"logprobs\":null,"
                        + "\"top_logprobs\":null}")
                .post("/v1/chat/completions").then().statusCode(200).body("choices[0].logprobs", nullValue());

        rejectedCompletion(Map.of("prompt", "x", "logprobs", 6), "logprobs");
        rejectedCompletion(Map.of("prompt", "x", "logprobs", -1), "logprobs");
        rejectedCompletion(Map.of("prompt", "x", "logprobs", true), "logprobs");
        rejectedCompletion(Map.of("prompt", "x", "logprobs", 2, "echo", true), "logprobs")
                .body("error.message", containsString("echo"));
    }

    @Test
    void malformedJsonHasNoParamButTheOpenAiShape() {
        given().contentType(ContentType.JSON).body("{\"messages\": [").post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", nullValue())
                .body("error.code", equalTo("invalid_json"))
                .body("error.message", containsString("parse the JSON"));
        given().contentType(ContentType.JSON).body("").post("/v1/completions")
                .then().statusCode(400).body("error.code", equalTo("invalid_json"));
    }

    @Test
    void completionsNeedAPrompt() {
        given().contentType(ContentType.JSON).body(Map.of("model", "x")).post("/v1/completions")
                .then().statusCode(400).body("error.param", equalTo("prompt"));
    }

    private static ValidatableResponse rejected(Object body, String param) {
        return rejectedAt("/v1/chat/completions", body, param);
    }

    private static ValidatableResponse rejectedCompletion(Object body, String param) {
        return rejectedAt("/v1/completions", body, param);
    }

    private static ValidatableResponse rejectedAt(String path, Object body, String param) {
        return given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param));
    }
}
