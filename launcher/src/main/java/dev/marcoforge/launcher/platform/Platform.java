package dev.marcoforge.launcher.platform;

import dev.marcoforge.launcher.client.Http;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The whole local platform: Kafka, PostgreSQL databases, sandbox-llm and the five services. */
public final class Platform {

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(120);

    private final Layout layout;
    private final Ports ports;
    private final ProcessSupervisor supervisor;
    private final KafkaBroker kafka;
    private final List<Service> services;
    private final String dbPrefix;

    public Platform(Layout layout, Ports ports) {
        this.layout = layout;
        this.ports = ports;
        this.supervisor = new ProcessSupervisor(layout);
        this.kafka = new KafkaBroker(layout, ports, supervisor);
        String prefix = System.getenv("MARCO_DB_PREFIX");
        this.dbPrefix = prefix == null || prefix.isBlank() ? "marco" : prefix;
        this.services = Service.all(ports, layout, dbPrefix);
    }

    public static Platform fromEnvironment() {
        return new Platform(Layout.fromEnvironment(), Ports.fromEnvironment());
    }

    public Layout layout() {
        return layout;
    }

    public Ports ports() {
        return ports;
    }

    public List<Service> services() {
        return services;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    public Service service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + name));
    }

    /** Every component name, in start order. */
    public List<String> components() {
        List<String> names = new ArrayList<>();
        names.add(KafkaBroker.NAME);
        services.forEach(s -> names.add(s.name()));
        return names;
    }

    public void up(PrintStream out) {
        layout.createDirectories();
        GatewayAdminSecret.ensure(layout);
        checkArtifacts();
        checkPorts();
        if (supervisor.running(KafkaBroker.NAME).isEmpty()) {
            out.println("starting kafka on 127.0.0.1:" + ports.kafka() + " ...");
            kafka.start(Duration.ofSeconds(90));
        } else {
            kafka.createTopics();
        }
        out.println("preparing PostgreSQL databases on 127.0.0.1:" + ports.postgres() + " ...");
        new PostgresSetup(ports.postgres()).ensure(Service.databases(dbPrefix));
        List<Service> started = new ArrayList<>();
        for (Service service : services) {
            if (supervisor.running(service.name()).isPresent()) {
                continue;
            }
            out.println("starting " + service.name() + " on port " + service.port() + " ...");
            supervisor.start(service.name(), command(service), layout.home());
            started.add(service);
        }
        for (Service service : started) {
            awaitReady(service);
        }
    }

    private List<String> command(Service service) {
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.java());
        command.add("-Xmx" + service.heap());
        command.add("-XX:+UseSerialGC");
        String extra = System.getenv("MARCO_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-Dquarkus.http.port=" + service.port());
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.log.console.color=false");
        for (Map.Entry<String, String> property : service.properties().entrySet()) {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.add("-jar");
        command.add(layout.serviceJar(service.module()).toString());
        return command;
    }

    private void checkArtifacts() {
        List<String> missing = new ArrayList<>();
        for (Service service : services) {
            if (!Files.exists(layout.serviceJar(service.module()))) {
                missing.add(layout.serviceJar(service.module()).toString());
            }
        }
        if (!Files.isDirectory(layout.kafkaLibs())) {
            missing.add(layout.kafkaLibs().toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + String.join(", ", missing)
                    + "; run ./marco up (it builds), or mvn -B install -DskipTests");
        }
    }

    /** A port that some other program holds is a clear error up front, not a service that dies on bind. */
    private void checkPorts() {
        List<String> taken = new ArrayList<>();
        if (supervisor.running(KafkaBroker.NAME).isEmpty()) {
            if (!Ports.free(ports.kafka())) {
                taken.add("kafka " + ports.kafka() + " (MARCO_KAFKA_PORT)");
            }
            if (!Ports.free(ports.kafkaController())) {
                taken.add("kafka controller " + ports.kafkaController() + " (MARCO_KAFKA_CONTROLLER_PORT)");
            }
        }
        for (Service service : services) {
            if (supervisor.running(service.name()).isEmpty() && !Ports.free(service.port())) {
                taken.add(service.name() + " " + service.port() + " (MARCO_"
                        + envName(service.name()) + "_PORT)");
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports already in use by another program: " + String.join(", ", taken)
                    + ". Stop that program or choose other ports with the environment variables named.");
        }
    }

    static String envName(String service) {
        return service.replace("-service", "").replace("trainer-", "").replace("-llm", "")
                .toUpperCase(java.util.Locale.ROOT);
    }

    private void awaitReady(Service service) {
        Instant deadline = Instant.now().plus(SERVICE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (supervisor.running(service.name()).isEmpty()) {
                throw new StartFailure(service.name(), service.name() + " exited during start-up",
                        supervisor.lastLogLines(service.name(), 40));
            }
            if (Http.status(service.url() + "/q/health/ready") == 200) {
                return;
            }
            ProcessSupervisor.sleep(300);
        }
        throw new StartFailure(service.name(), service.name() + " did not become ready within "
                + SERVICE_TIMEOUT.toSeconds() + " s", supervisor.lastLogLines(service.name(), 40));
    }

    /** Stops everything in reverse start order; returns the names of what was running. */
    public List<String> down() {
        List<String> stopped = new ArrayList<>();
        List<String> order = new ArrayList<>(components());
        java.util.Collections.reverse(order);
        for (String name : order) {
            if (supervisor.stop(name, Duration.ofSeconds(20))) {
                stopped.add(name);
            }
        }
        return stopped;
    }

    public void printUrls(PrintStream out) {
        out.println();
        out.println("Marco Forge is up (run folder " + layout.runDir() + ")");
        out.printf("  %-18s %s%n", "trainer-gateway", service("trainer-gateway").url() + "/v1  (OpenAI-compatible)");
        out.printf("  %-18s %s%n", "generator-service", service("generator-service").url() + "/api/jobs");
        out.printf("  %-18s %s%n", "verifier-service", service("verifier-service").url());
        out.printf("  %-18s %s%n", "critic-service", service("critic-service").url());
        out.printf("  %-18s %s%n", "inference-service", service("inference-service").url());
        out.printf("  %-18s %s%n", "sandbox-llm", service("sandbox-llm").url() + "/v1  (simulator)");
        out.printf("  %-18s %s%n", "kafka", kafka.bootstrap());
        out.printf("  %-18s %s%n", "postgresql", "127.0.0.1:" + ports.postgres());
        out.println("  health: <url>/q/health/ready   metrics: <url>/q/metrics   OpenAPI: <url>/q/openapi");
    }
}
