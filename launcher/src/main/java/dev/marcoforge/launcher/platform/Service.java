package dev.marcoforge.launcher.platform;

import java.util.List;
import java.util.Map;

/**
 * One Quarkus process of the platform: its module, HTTP port, and the configuration the launcher hands it as
 * system properties (which outrank the service's own application.properties).
 */
public record Service(String name, String module, int port, Map<String, String> properties, String heap) {

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The services in start order: each one's upstreams come before it. */
    public static List<Service> all(Ports ports, Layout layout, String dbPrefix) {
        String kafka = "127.0.0.1:" + ports.kafka();
        String sandbox = "http://127.0.0.1:" + ports.sandbox() + "/v1";
        String jdbc = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + dbPrefix + "_";
        // The CPU libtorch of the embedded model is unpacked inside the run folder, not the user's home.
        String djlCache = layout.runDir().resolve("djl-cache").toString();
        return List.of(
                new Service("sandbox-llm", "sandbox-llm", ports.sandbox(), Map.of(), "256m"),
                new Service("verifier-service", "verifier-service", ports.verifier(), Map.of(
                        "kafka.bootstrap.servers", kafka,
                        "quarkus.datasource.jdbc.url", jdbc + "verifier"), "384m"),
                new Service("critic-service", "critic-service", ports.critic(), Map.of(
                        "kafka.bootstrap.servers", kafka,
                        "marco.critic.base-url", sandbox), "256m"),
                new Service("generator-service", "generator-service", ports.generator(), Map.of(
                        "kafka.bootstrap.servers", kafka,
                        "quarkus.datasource.jdbc.url", jdbc + "generator",
                        "marco.models.policy.base-url", sandbox), "512m"),
                new Service("inference-service", "inference-service", ports.inference(), Map.of(
                        "kafka.bootstrap.servers", kafka,
                        "marco.inference.models.marco-sandbox.base-url", sandbox,
                        "marco.inference.embedded.cache-dir", djlCache), "256m"),
                new Service("trainer-gateway", "trainer-gateway", ports.gateway(), Map.of(
                        "kafka.bootstrap.servers", kafka,
                        "quarkus.datasource.jdbc.url", jdbc + "gateway",
                        "marco.gateway.output-dir", layout.runDir().resolve("gateway-output").toString(),
                        "marco.gateway.admin-secret-file", layout.gatewayAdminSecret().toString(),
                        "marco.gateway.training.cache-dir", djlCache), "384m"));
    }

    /** The databases the services own, one each. */
    public static List<String> databases(String dbPrefix) {
        return List.of(dbPrefix + "_verifier", dbPrefix + "_generator", dbPrefix + "_gateway");
    }
}
