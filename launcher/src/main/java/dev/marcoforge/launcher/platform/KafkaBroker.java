package dev.marcoforge.launcher.platform;

import dev.marcoforge.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real single-node KRaft broker run from the Apache Kafka jars that the local-kafka module collects from Maven
 * Central (no Docker, no tarball download).
 */
public final class KafkaBroker {

    public static final String NAME = "kafka";
    /** Partitions per data topic: problems spread over them, and keys keep each problem's messages in order. */
    private static final int PARTITIONS = 3;

    private final Layout layout;
    private final Ports ports;
    private final ProcessSupervisor supervisor;

    public KafkaBroker(Layout layout, Ports ports, ProcessSupervisor supervisor) {
        this.layout = layout;
        this.ports = ports;
        this.supervisor = supervisor;
    }

    public String bootstrap() {
        return "127.0.0.1:" + ports.kafka();
    }

    public void start(Duration timeout) {
        if (!Files.isDirectory(layout.kafkaLibs())) {
            throw new IllegalStateException("the Kafka broker's jars are missing at " + layout.kafkaLibs()
                    + "; build with: mvn -B install -DskipTests");
        }
        try {
            Path dir = layout.kafkaDir();
            Files.createDirectories(dir);
            Path config = writeConfig(dir);
            Path logConfig = writeLogConfig(dir);
            if (!Files.exists(dir.resolve("data/meta.properties"))) {
                format(config, logConfig);
            }
            // The serial collector: one local broker on a small machine gains nothing from G1's concurrent
            // threads, which compete with the services for the same cores.
            supervisor.start(NAME, List.of(java(), "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dlog4j2.configurationFile=" + logConfig, "-cp", layout.kafkaLibs() + "/*", "kafka.Kafka",
                    config.toString()), dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the Kafka broker: " + e.getMessage(), e);
        }
        awaitReady(timeout);
        createTopics();
    }

    private void format(Path config, Path logConfig) throws IOException {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        var command = List.of(java(), "-Xmx256m", "-Dlog4j2.configurationFile=" + logConfig, "-cp",
                layout.kafkaLibs() + "/*", "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                config.toString());
        Path formatLog = layout.logs().resolve("kafka-format.log");
        Files.createDirectories(layout.logs());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(formatLog.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka storage failed; see " + formatLog + ":\n"
                        + String.join("\n", Files.readAllLines(formatLog)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the Kafka storage", e);
        }
    }

    private Path writeConfig(Path dir) throws IOException {
        String listener = "127.0.0.1:" + ports.kafka();
        String controller = "127.0.0.1:" + ports.kafkaController();
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + listener + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + listener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.retention.hours=168",
                // A local single-node broker for a handful of clients: fewer threads handing each request on
                // means fewer context switches per message on a 2-core machine (the defaults are 3 and 8).
                "num.network.threads=1",
                "num.io.threads=2",
                "background.threads=2",
                "");
        Path file = dir.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
    }

    private static Path writeLogConfig(Path dir) throws IOException {
        String config = String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka",
                "logger.kafka.level = info",
                "logger.apache.name = org.apache.kafka",
                "logger.apache.level = warn",
                "");
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, config);
        return file;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (supervisor.running(NAME).isEmpty()) {
                throw new StartFailure(NAME, "the Kafka broker exited during start-up", supervisor.lastLogLines(NAME, 30));
            }
            if (Ports.listening(ports.kafka())) {
                try (Admin admin = admin()) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
            ProcessSupervisor.sleep(300);
        }
        throw new StartFailure(NAME, "the Kafka broker did not become ready within " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")"), supervisor.lastLogLines(NAME, 30));
    }

    /** Creates every data topic and dead-letter topic that does not exist yet. */
    public void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.all()) {
                if (!existing.contains(topic)) {
                    boolean single = topic.endsWith(Topics.DLQ_SUFFIX) || Topics.compacted(topic);
                    NewTopic created = new NewTopic(topic, single ? 1 : PARTITIONS, (short) 1);
                    if (Topics.compacted(topic)) {
                        created.configs(java.util.Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(created);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    public Admin admin() {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "marco-launcher-" + UUID.randomUUID());
        return Admin.create(props);
    }

    static String java() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        return javaHome.resolve("bin/java").toString();
    }
}
