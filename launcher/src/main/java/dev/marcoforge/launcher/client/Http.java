package dev.marcoforge.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to the platform's REST APIs. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private Http() {
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return MessageCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("the server answered with something that is not JSON: " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build());
    }

    public static Response get(String url, String bearer) {
        var builder = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    public static Response delete(String url, String bearer) {
        var builder = HttpRequest.newBuilder(URI.create(url)).DELETE().timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    public static Response postJson(String url, Object body, String bearer) {
        var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MessageCodec.encode(body)));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    /** Status of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
