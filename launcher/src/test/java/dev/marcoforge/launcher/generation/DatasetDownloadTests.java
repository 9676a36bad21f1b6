package dev.marcoforge.launcher.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download against a small HTTP server playing the gateway's data set API. */
class DatasetDownloadTests {

    @TempDir
    Path out;

    private HttpServer gateway;
    private final Map<String, String> routes = new ConcurrentHashMap<>();
    private final AtomicInteger progressCalls = new AtomicInteger();
    private final AtomicInteger posts = new AtomicInteger();
    private String postedBody;

    @BeforeEach
    void start() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/api/datasets/jobs/job-1")) {
            // The chains arrive at the gateway a little after the generator listed them.
            int call = progressCalls.incrementAndGet();
            body = "{\"chains\": " + (call < 2 ? 1 : 3) + ", \"searchResults\": " + (call < 3 ? 0 : 1) + "}";
        } else if (path.equals("/api/datasets") && exchange.getRequestMethod().equals("POST")) {
            posts.incrementAndGet();
            postedBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            status = 201;
            body = routes.get("POST");
        } else {
            body = routes.get(path);
            if (body == null) {
                status = 404;
                body = "{}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + gateway.getAddress().getPort();
    }

    private void generatorOutput() throws IOException {
        Files.write(out.resolve("chains.jsonl"), List.of("{}", "{}", "{}"));
        Files.write(out.resolve("results.jsonl"), List.of("{}"));
    }

    @Test
    void waitsForTheJobToReachTheGatewayThenWritesEveryFileInItsLayout() throws IOException {
        generatorOutput();
        routes.put("POST", """
                {"id": "ds-1", "stats": {"counts": {"sftRecords": 1, "dpoRecords": 2}},
                 "files": [{"path": "trl/sft.jsonl", "url": "/api/datasets/ds-1/files/trl/sft.jsonl"},
                           {"path": "llamafactory/dataset_info.json",
                            "url": "/api/datasets/ds-1/files/llamafactory/dataset_info.json"},
                           {"path": "stats.json", "url": "/api/datasets/ds-1/files/stats.json"}]}
                """);
        routes.put("/api/datasets/ds-1/files/trl/sft.jsonl", "{\"messages\": []}\n");
        routes.put("/api/datasets/ds-1/files/llamafactory/dataset_info.json", "{\"marco_sft\": {}}\n");
        routes.put("/api/datasets/ds-1/files/stats.json", "{\"counts\": {}}\n");

        String summary = new DatasetDownload(out, Duration.ofSeconds(20)).write(url(), "job-1");

        assertThat(progressCalls.get()).isEqualTo(3);
        assertThat(posts.get()).isEqualTo(1);
        assertThat(postedBody).contains("\"jobs\"").contains("job-1");
        assertThat(Files.readString(out.resolve("datasets/trl/sft.jsonl"))).isEqualTo("{\"messages\": []}\n");
        assertThat(Files.readString(out.resolve("datasets/llamafactory/dataset_info.json")))
                .isEqualTo("{\"marco_sft\": {}}\n");
        assertThat(out.resolve("datasets/stats.json")).exists();
        assertThat(summary).contains("1 SFT records").contains("2 DPO pairs").contains("ds-1");
    }

    @Test
    void aFileNamedOutsideTheDataSetFolderIsRefused() throws IOException {
        generatorOutput();
        routes.put("POST", "{\"id\": \"ds-1\", \"files\": [{\"path\": \"../../evil\", \"url\": \"/x\"}]}");
        assertThatThrownBy(() -> new DatasetDownload(out, Duration.ofSeconds(20)).write(url(), "job-1"))
                .hasMessageContaining("outside the data set");
        assertThat(out.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void aJobWithoutChainsAsksForNothing() throws IOException {
        Files.write(out.resolve("chains.jsonl"), List.of());
        assertThat(new DatasetDownload(out).write(url(), "job-1")).contains("no chains");
        assertThat(posts.get()).isZero();
    }
}
