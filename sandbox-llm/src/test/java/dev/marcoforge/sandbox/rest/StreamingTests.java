package dev.marcoforge.sandbox.rest;

import static dev.marcoforge.sandbox.rest.ChatApi.STRAWBERRY;
import static dev.marcoforge.sandbox.rest.ChatApi.messages;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.simulation.Tokenizer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.Flawless.class)
class StreamingTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void chatStreamsRoleFirstThenContentThenFinishUsageAndDone() throws Exception {
        Map<String, Object> request = Map.of("messages", messages(STRAWBERRY, "<thinking>"), "stream", true,
                "stream_options", Map.of("include_usage", true), "stop", List.of("</thinking>"), "seed", 5);
        Response response = given().contentType(ContentType.JSON).body(request).post("/v1/chat/completions");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/event-stream");
        List<String> events = events(response.asString());

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = jsonChunks(events);
        JsonNode first = chunks.get(0);
        assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.get("id").asText()).startsWith("chatcmpl-");
        assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(first.at("/choices/0/delta/content").asText()).isEmpty();

        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.get("choices")).isEmpty();
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 2)) {
            assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
            assertThat(chunk.at("/choices/0/delta").has("role")).isFalse();
            streamed.append(chunk.at("/choices/0/delta/content").asText());
        }
        String whole = ChatApi.postChat(Map.of("messages", messages(STRAWBERRY, "<thinking>"),
                "stop", List.of("</thinking>"), "seed", 5)).then().extract().path("choices[0].message.content");
        assertThat(streamed.toString()).isEqualTo(whole).contains("Count of r: 3");
        assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(
                usageChunk.at("/usage/prompt_tokens").asInt() + usageChunk.at("/usage/completion_tokens").asInt());
    }

    @Test
    void everyChoiceIsStreamedUnderItsOwnIndexAndUsageOnlyWhenAsked() throws Exception {
        Map<String, Object> request = Map.of("messages", messages(STRAWBERRY, "<answer>"), "stream", true, "n", 2);
        List<String> events = events(given().contentType(ContentType.JSON).body(request)
                .post("/v1/chat/completions").asString());
        List<JsonNode> chunks = jsonChunks(events);

        for (int index = 0; index < 2; index++) {
            int wanted = index;
            List<JsonNode> mine = new ArrayList<>();
            chunks.stream().filter(chunk -> chunk.at("/choices/0/index").asInt() == wanted).forEach(mine::add);
            assertThat(mine.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(mine.get(mine.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            StringBuilder text = new StringBuilder();
            mine.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
            assertThat(text.toString()).isEqualTo("The answer is: \\boxed{4}</answer>");
        }
        assertThat(chunks).noneMatch(chunk -> chunk.has("usage"));
    }

    @Test
    void textCompletionsStreamToo() throws Exception {
        Map<String, Object> request = Map.of("prompt", "Now the question is: What is 6 * 7?\n<answer>",
                "stream", true);
        List<String> events = events(given().contentType(ContentType.JSON).body(request)
                .post("/v1/completions").asString());
        List<JsonNode> chunks = jsonChunks(events);
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/text").asText()));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.get("object").asText()).isEqualTo("text_completion"));
        assertThat(text.toString()).isEqualTo("The answer is: \\boxed{42}</answer>");
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void chatContentChunksCarryTheLogprobsOfTheirOwnTokens() throws Exception {
        Map<String, Object> request = Map.of("messages", messages(STRAWBERRY, "<thinking>"), "stop", "</thinking>",
                "seed", 5, "logprobs", true, "top_logprobs", 2);
        Map<String, Object> streamed = new HashMap<>(request);
        streamed.put("stream", true);
        List<JsonNode> chunks = jsonChunks(events(given().contentType(ContentType.JSON).body(streamed)
                .post("/v1/chat/completions").asString()));

        assertThat(chunks.get(0).at("/choices/0/logprobs").isNull()).isTrue();
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/logprobs").isNull()).isTrue();
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
            StringBuilder tokens = new StringBuilder();
            for (JsonNode entry : chunk.at("/choices/0/logprobs/content")) {
                tokens.append(entry.get("token").asText());
                entries.add(entry);
            }
            assertThat(tokens.toString()).isEqualTo(chunk.at("/choices/0/delta/content").asText());
        }
        JsonNode whole = MAPPER.readTree(ChatApi.postChat(request).then().statusCode(200).extract().asString());
        List<JsonNode> wholeEntries = new ArrayList<>();
        whole.at("/choices/0/logprobs/content").forEach(wholeEntries::add);
        assertThat(entries).isEqualTo(wholeEntries).hasSize(whole.at("/usage/completion_tokens").asInt());
    }

    @Test
    void textCompletionChunksCarryLogprobsWithOffsetsIntoTheWholeText() throws Exception {
        Map<String, Object> request = Map.of("prompt", "Now the question is: What is 6 * 7?\n<answer>",
                "stream", true, "logprobs", 1);
        List<JsonNode> chunks = jsonChunks(events(given().contentType(ContentType.JSON).body(request)
                .post("/v1/completions").asString()));
        StringBuilder text = new StringBuilder();
        int tokens = 0;
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            JsonNode logprobs = chunk.at("/choices/0/logprobs");
            assertThat(logprobs.at("/text_offset/0").asInt()).isEqualTo(text.length());
            tokens += logprobs.get("tokens").size();
            text.append(chunk.at("/choices/0/text").asText());
        }
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/logprobs").isNull()).isTrue();
        assertThat(text.toString()).isEqualTo("The answer is: \\boxed{42}</answer>");
        assertThat(tokens).isEqualTo(Tokenizer.count(text.toString()));
    }

    /** The payloads of "data: ..." events, checking the exact framing OpenAI clients parse. */
    private static List<String> events(String body) {
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<String> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            events.add(event.substring("data: ".length()));
        }
        return events;
    }

    private static List<JsonNode> jsonChunks(List<String> events) throws Exception {
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            chunks.add(MAPPER.readTree(event));
        }
        return chunks;
    }
}
