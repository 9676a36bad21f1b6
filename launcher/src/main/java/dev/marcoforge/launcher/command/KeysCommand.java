package dev.marcoforge.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.launcher.client.Http;
import dev.marcoforge.launcher.platform.GatewayAdminSecret;
import dev.marcoforge.launcher.platform.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./marco keys create|list|revoke}: the gateway's API keys, through its admin API with the run folder's
 * admin secret (or {@code MARCO_GATEWAY_ADMIN_SECRET}).
 */
@Command(name = "keys", description = "Manage the gateway's API keys (create, list, revoke).",
        subcommands = { KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class })
public class KeysCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("marco keys: name a subcommand: create, list or revoke (./marco keys help)");
    }

    /** Where the gateway is and the secret to manage it. */
    static final class Target {
        @Option(names = "--gateway", paramLabel = "URL", description = "gateway base URL (default: the local"
                + " platform's)")
        String gateway;

        String url() {
            String base = gateway != null ? gateway : Platform.fromEnvironment().service("trainer-gateway").url();
            return base.replaceAll("/+$", "") + "/admin/keys";
        }

        String secret() {
            return GatewayAdminSecret.read(Platform.fromEnvironment().layout());
        }
    }

    @Command(name = "create", description = "Create a key; prints it alone on the last line (it is shown only"
            + " once: the gateway keeps a hash).")
    public static class Create implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--name", required = true, description = "who or what the key is for")
        String name;

        @Option(names = "--models", split = ",", paramLabel = "MODEL", description = "models it may call"
                + " (default: all)")
        List<String> models;

        @Option(names = "--rpm", paramLabel = "N", description = "requests per minute (default: unlimited)")
        Integer requestsPerMinute;

        @Option(names = "--tpm", paramLabel = "N", description = "tokens per minute (default: unlimited)")
        Integer tokensPerMinute;

        @Option(names = "--concurrent", paramLabel = "N", description = "requests in flight at once (default:"
                + " unlimited)")
        Integer maxConcurrent;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (models != null) {
                body.put("models", models);
            }
            body.put("requests_per_minute", requestsPerMinute);
            body.put("tokens_per_minute", tokensPerMinute);
            body.put("max_concurrent", maxConcurrent);
            Http.Response response = Http.postJson(target.url(), body, target.secret());
            if (!response.ok()) {
                return failed(response);
            }
            JsonNode key = response.json();
            System.out.println("created key " + key.path("id").asText() + " (" + key.path("name").asText()
                    + "); store it now, it is not shown again:");
            System.out.println(key.path("key").asText());
            return 0;
        }
    }

    @Command(name = "list", description = "List the keys (ids, names, models, limits; never the secrets).")
    public static class ListKeys implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            Http.Response response = Http.get(target.url(), target.secret());
            if (!response.ok()) {
                return failed(response);
            }
            System.out.printf("%-13s %-20s %-24s %-8s %-10s %-5s %s%n", "ID", "NAME", "MODELS", "RPM", "TPM", "CONC",
                    "STATE");
            for (JsonNode key : response.json().path("data")) {
                String models = key.path("models").isEmpty() ? "all" : join(key.path("models"));
                System.out.printf("%-13s %-20s %-24s %-8s %-10s %-5s %s%n", key.path("id").asText(),
                        key.path("name").asText(), models, limit(key, "requests_per_minute"),
                        limit(key, "tokens_per_minute"), limit(key, "max_concurrent"),
                        key.hasNonNull("revoked_at") ? "revoked " + key.path("revoked_at").asText() : "active");
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key by its id (every gateway replica refuses it within"
            + " seconds).")
    public static class Revoke implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "ID", description = "the key's id (see keys list), or the key itself")
        String id;

        @Override
        public Integer call() {
            String keyId = id.startsWith("mf-") && id.length() >= 15 ? id.substring(3, 15) : id;
            Http.Response response = Http.delete(target.url() + "/" + keyId, target.secret());
            if (!response.ok()) {
                return failed(response);
            }
            System.out.println("revoked key " + keyId);
            return 0;
        }
    }

    private static int failed(Http.Response response) {
        String message = response.body();
        try {
            message = response.json().path("error").path("message").asText(message);
        } catch (IllegalStateException notJson) {
            // keep the raw body
        }
        System.err.println("marco keys: the gateway answered " + response.status() + ": " + message);
        return 1;
    }

    private static String limit(JsonNode key, String field) {
        return key.hasNonNull(field) ? key.path(field).asText() : "-";
    }

    private static String join(JsonNode values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(text.length() == 0 ? "" : ",").append(v.asText()));
        return text.toString();
    }
}
