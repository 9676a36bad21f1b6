package dev.marcoforge.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.launcher.client.Http;
import dev.marcoforge.launcher.platform.GatewayAdminSecret;
import dev.marcoforge.launcher.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Start the platform, generate on a bundled sample of 20 letter-counting problems"
        + " against sandbox-llm, then ask the gateway for one chat completion.")
public class DemoCommand implements Callable<Integer> {

    static final String SAMPLE = "/demo/letter-counting-sample.json";
    static final String MODEL = "marco-sandbox";

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <run folder>/demo-output)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Platform platform = Platform.fromEnvironment();
        platform.up(System.out);
        platform.printUrls(System.out);

        Path runDir = platform.layout().runDir();
        Path problems = runDir.resolve("demo/letter-counting-sample.json");
        Files.createDirectories(problems.getParent());
        try (InputStream sample = DemoCommand.class.getResourceAsStream(SAMPLE)) {
            Files.copy(sample, problems, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println();
        System.out.println("== MCTS data generation on " + problems + " (built-in config letter-counting, sandbox-llm)");
        var generate = new GenerateCommand();
        generate.config = "letter-counting";
        generate.input = problems;
        generate.out = out != null ? out : runDir.resolve("demo-output");
        generate.name = "demo";
        generate.timeout = Duration.ofMinutes(20);
        int status = generate.run(platform);
        if (status != 0) {
            return status;
        }

        System.out.println();
        String question = "How many r are there in strawberry?";
        System.out.println("== chat completion through the gateway (model " + MODEL + "): " + question);
        var request = Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", question)));
        String gateway = platform.service("trainer-gateway").url();
        String apiKey = System.getenv("MARCO_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            // The gateway requires keys; the demo makes one through the admin API, as ./marco keys create does.
            Http.Response created = Http.postJson(gateway + "/admin/keys", Map.of("name", "demo",
                    "models", List.of(MODEL)), GatewayAdminSecret.read(platform.layout()));
            if (!created.ok()) {
                System.err.println("marco: could not create an API key: " + created.status() + ": " + created.body());
                return 1;
            }
            apiKey = created.json().path("key").asText();
            System.out.println("(API key " + created.json().path("id").asText() + " created for the demo;"
                    + " ./marco keys list shows it)");
        }
        Http.Response response = Http.postJson(gateway + "/v1/chat/completions", request, apiKey);
        if (!response.ok()) {
            System.err.println("marco: the gateway answered " + response.status() + ": " + response.body());
            return 1;
        }
        JsonNode body = response.json();
        System.out.println("id: " + body.path("id").asText() + "   finish_reason: "
                + body.path("choices").path(0).path("finish_reason").asText() + "   usage: " + body.path("usage"));
        JsonNode message = body.path("choices").path(0).path("message");
        if (message.hasNonNull("reasoning_content")) {
            System.out.println("reasoning:\n" + message.path("reasoning_content").asText());
        }
        System.out.println("answer:\n" + message.path("content").asText());
        System.out.println();
        System.out.println("The platform keeps running; ./marco down stops it.");
        return 0;
    }
}
