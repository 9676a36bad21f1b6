package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;

import dev.marcoforge.sandbox.support.ReferenceData;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Talks to the running simulator the way Marco Forge's generator does: one chat call per reasoning step. */
final class ChatApi {

    static final String STRAWBERRY = "How many r and a are there in total in strawberry?";

    private final String question;
    private final StringBuilder history = new StringBuilder();

    ChatApi(String question) {
        this.question = question;
    }

    static Response postChat(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/v1/chat/completions");
    }

    static List<Map<String, Object>> messages(String question, String assistantPrefix) {
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(Map.of("role", "user", "content", ReferenceData.basePrompt() + question));
        if (assistantPrefix != null) {
            messages.add(Map.of("role", "assistant", "content", assistantPrefix));
        }
        return messages;
    }

    /** Writes one step with the closing tag as stop sequence and returns what the simulator wrote. */
    String step(String model, String tag, String prefill) {
        String prefix = history + "<" + tag + ">" + prefill;
        String closing = "</" + tag + ">";
        String written = postChat(Map.of("model", model, "messages", messages(question, prefix),
                "stop", List.of(closing), "temperature", 1.0, "continue_final_message", true,
                "add_generation_prompt", false))
                .then().statusCode(200)
                .extract().path("choices[0].message.content");
        history.setLength(0);
        history.append(prefix).append(written).append(closing).append('\n');
        return written;
    }

    String history() {
        return history.toString();
    }
}
