package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.Saturated.class)
class SaturationTests {

    private static final Map<String, Object> REQUEST = Map.of("messages",
            List.of(Map.of("role", "user", "content", "What is 2 + 2?")));

    @Test
    void requestsBeyondTheLimitWaitThenGet429InOpenAiShape() throws Exception {
        int concurrent = 4;
        ExecutorService executor = Executors.newFixedThreadPool(concurrent);
        List<Response> responses = new ArrayList<>();
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                calls.add(CompletableFuture.supplyAsync(SaturationTests::post, executor));
            }
            for (CompletableFuture<Response> call : calls) {
                responses.add(call.get(20, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
        }
        // One slot, 1.5 s per call and a 100 ms queue: the calls that overlap the served one are turned away.
        List<Response> served = responses.stream().filter(r -> r.statusCode() == 200).toList();
        List<Response> rejected = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(served.size() + rejected.size()).isEqualTo(concurrent);
        assertThat(served).isNotEmpty();
        assertThat(rejected).isNotEmpty();
        assertThat(served).allSatisfy(r -> assertThat(r.timeIn(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1400));
        assertThat(rejected.get(0).<String>path("error.code")).isEqualTo("rate_limit_exceeded");
        assertThat(rejected.get(0).<String>path("error.type")).isEqualTo("rate_limit_error");

        assertThat(post().statusCode()).as("the slot is free again").isEqualTo(200);
    }

    private static Response post() {
        return given().contentType(ContentType.JSON).body(REQUEST).post("/v1/chat/completions");
    }
}
