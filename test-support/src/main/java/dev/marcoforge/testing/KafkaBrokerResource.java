package dev.marcoforge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Starts a real single-node KRaft broker in the test JVM and points the service's Kafka channels at it. One broker
 * serves every test class of a run: Quarkus restarts the application between test profiles, and a broker per
 * restart would only add start-up time.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final String[] TOPICS = {
            "marco.search.requests", "marco.search.results", "marco.verify.requests", "marco.verify.results",
            "marco.critic.requests", "marco.critic.results", "marco.chains", "marco.inference.requests",
            "marco.inference.results", "marco.inference.cancels", "marco.datasets.sft", "marco.datasets.dpo" };

    private static KafkaClusterTestKit cluster;

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // Never closed: a graceful broker shutdown in a JVM shutdown hook can outlast the test runner's exit
            // timeout on a busy machine, which then fails the run although every test passed. The broker's threads
            // end with the test JVM, and its data lives in temporary folders.
            cluster = startCluster();
        }
        return cluster.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives one application start and ends with the test JVM.
    }

    private static KafkaClusterTestKit startCluster() {
        try {
            var nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .build();
            var kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            createTopics(kit.bootstrapServers());
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-JVM Kafka broker: " + e.getMessage(), e);
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : TOPICS) {
                topics.add(new NewTopic(topic, 3, (short) 1));
                topics.add(new NewTopic(topic + ".dlq", 1, (short) 1));
            }
            topics.add(new NewTopic("marco.models", 1, (short) 1)
                    .configs(java.util.Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic("marco.models.dlq", 1, (short) 1));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

}
