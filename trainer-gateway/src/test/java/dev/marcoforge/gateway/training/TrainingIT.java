package dev.marcoforge.gateway.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.gateway.ApiTestSettings;
import dev.marcoforge.model.Checkpoint;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Trainings over the real database and broker: SFT from scratch, DPO on top, refusals, cancel, metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_training_test"))
@QuarkusTestResource(ApiTestSettings.class)
class TrainingIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    static final String TINY_CONFIG = "{\"vocab_size\": 263, \"context_length\": 96, \"width\": 48, \"depth\": 2,"
            + " \"heads\": 4, \"mlp_ratio\": 4}";

    @Test
    void sftThenDpoMakeServedCheckpointsWithProgressAndMetrics() throws Exception {
        String name = "tiny-sft-" + suffix();
        String sft = "{\"name\": \"" + name + "\", \"method\": \"sft\", \"model_config\": " + TINY_CONFIG + ","
                + " \"records\": " + sftRecords() + ", \"hyperparameters\": {\"steps\": 120, \"batch_size\": 4,"
                + " \"learning_rate\": 0.003, \"warmup_steps\": 10}}";
        String id = given().contentType(ContentType.JSON).body(sft).post("/api/trainings").then().statusCode(202)
                .header("Location", containsString("/api/trainings/tr-")).extract().path("id");
        JsonNode done = awaitStatus(id, "SUCCEEDED");
        JsonNode progress = done.path("progress");
        assertThat(progress.path("step").asInt()).isEqualTo(120);
        assertThat(progress.path("examples").asInt()).isEqualTo(4);
        ArrayNode curve = (ArrayNode) progress.path("loss_curve");
        assertThat(curve.size()).isGreaterThan(10);
        assertThat(curve.get(curve.size() - 1).get(1).asDouble()).isLessThan(curve.get(0).get(1).asDouble() * 0.3);
        assertThat(progress.path("latest").path("tokens_per_second").asLong()).isPositive();
        assertThat(done.path("request").path("records").asText()).isEqualTo("4 inline records");

        Path checkpoint = Path.of(done.path("checkpoint").asText());
        assertThat(checkpoint.getFileName().toString()).isEqualTo(id);
        assertThat(checkpoint.getParent().getFileName().toString()).isEqualTo(name);
        for (String file : new String[] {Checkpoint.CONFIG, Checkpoint.TOKENIZER, Checkpoint.WEIGHTS,
                Checkpoint.METADATA}) {
            assertThat(Files.isRegularFile(checkpoint.resolve(file))).as(file).isTrue();
        }
        assertThat(Checkpoint.metadata(checkpoint).path("method").asText()).isEqualTo("sft");

        var registration = KafkaTestClient.awaitRecord(Topics.MODELS, r -> name.equals(r.key()), WAIT);
        ModelRegistration announced = MessageCodec.decode(registration.value(), ModelRegistration.class);
        assertThat(announced.checkpoint()).isEqualTo(checkpoint.toString());
        assertThat(announced.trainingId()).isEqualTo(id);
        String key = dev.marcoforge.gateway.TestKeysAccess.unlimited("training-" + suffix());
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", "Bearer " + key).get("/v1/models")
                .then().statusCode(200).body("data.id", hasItem(name)));

        String dpoName = "tiny-dpo-" + suffix();
        String dpo = "{\"name\": \"" + dpoName + "\", \"method\": \"dpo\", \"base_model\": \"" + name + "\","
                + " \"records\": " + dpoRecords() + ", \"hyperparameters\": {\"steps\": 25, \"batch_size\": 2,"
                + " \"learning_rate\": 0.001, \"beta\": 0.5, \"label_smoothing\": 0.1, \"sft_alpha\": 0.2}}";
        String dpoId = given().contentType(ContentType.JSON).body(dpo).post("/api/trainings").then().statusCode(202)
                .extract().path("id");
        JsonNode dpoDone = awaitStatus(dpoId, "SUCCEEDED");
        JsonNode latest = dpoDone.path("progress").path("latest");
        assertThat(latest.path("reward_margin").asDouble()).isPositive();
        assertThat(latest.path("chosen_logp").asDouble()).isGreaterThan(latest.path("rejected_logp").asDouble());
        assertThat(Checkpoint.metadata(Path.of(dpoDone.path("checkpoint").asText())).path("base_checkpoint")
                .asText()).isEqualTo(checkpoint.toString());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marco_training_loss{method=\"sft\",model=\"" + name + "\",training=\"" + id))
                .body(containsString("marco_training_reward_margin{method=\"dpo\",model=\"" + dpoName));
        given().get("/api/trainings").then().statusCode(200).body("id", hasItem(dpoId));
    }

    @Test
    void badRequestsAre400NamingEveryProblem() {
        given().contentType(ContentType.JSON).body("{\"name\": \"bad name!\", \"method\": \"ppo\", \"colour\": 1,"
                + " \"hyperparameters\": {\"steps\": \"many\", \"label_smoothing\": 0.7}}").post("/api/trainings")
                .then().statusCode(400)
                .body("problems", hasItem(containsString("name: use 1-100 letters")))
                .body("problems", hasItem(containsString("method: 'sft' or 'dpo', got 'ppo'")))
                .body("problems", hasItem(containsString("colour: unknown field")))
                .body("problems", hasItem(containsString("give the data")))
                .body("problems", hasItem(containsString("hyperparameters.steps: an integer")));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"method\": \"dpo\", \"records\": [{}]}")
                .post("/api/trainings").then().statusCode(400)
                .body("problems", hasItem(containsString("dpo starts from a trained model")));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"method\": \"sft\", \"records\": "
                + "[{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}, {\"text\": 1}]}")
                .post("/api/trainings").then().statusCode(400)
                .body("problems", hasItem(containsString("records[0].messages: must end with the assistant's")))
                .body("problems", hasItem(containsString("records[1].messages: a non-empty list")));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"method\": \"sft\", \"base_model\": \"nope\","
                + " \"records\": " + sftRecords() + "}").post("/api/trainings").then().statusCode(400)
                .body("problems[0]", containsString("no finished training serves 'nope'"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"method\": \"sft\", \"dataset_id\":"
                + " \"ds-00000000000000000000\"}").post("/api/trainings").then().statusCode(400)
                .body("problems[0]", containsString("no data set 'ds-00000000000000000000'"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"method\": \"sft\", \"model_config\": "
                + TINY_CONFIG.replace("96", "8") + ", \"records\": " + sftRecords() + "}").post("/api/trainings").then()
                .statusCode(400).body("problems[0]", containsString("no example fits the model's context of 8 tokens"));
        given().contentType(ContentType.JSON).body("not json").post("/api/trainings").then().statusCode(400)
                .body("problems[0]", containsString("not JSON"));
        given().get("/api/trainings/tr-nothing").then().statusCode(404);
        given().post("/api/trainings/tr-nothing/cancel").then().statusCode(404);
    }

    @Test
    void aCancelledTrainingStopsWithoutACheckpoint() {
        String name = "tiny-cancel-" + suffix();
        String body = "{\"name\": \"" + name + "\", \"method\": \"sft\", \"model_config\": " + TINY_CONFIG + ","
                + " \"records\": " + sftRecords() + ", \"hyperparameters\": {\"steps\": 100000}}";
        String id = given().contentType(ContentType.JSON).body(body).post("/api/trainings").then().statusCode(202)
                .extract().path("id");
        try {
            await().atMost(WAIT).until(() -> MessageCodec.mapper().readTree(given().get("/api/trainings/" + id)
                    .then().extract().asString()).path("progress").path("step").asInt(0) > 0);
        } finally {
            // Trainings run one at a time: this one must not hold the queue whatever happens above.
            given().post("/api/trainings/" + id + "/cancel").then().statusCode(202);
        }
        JsonNode cancelled = awaitStatus(id, "CANCELLED");
        assertThat(cancelled.path("checkpoint").isNull()).isTrue();
        assertThat(cancelled.path("error").asText()).startsWith("cancelled after step");
        given().post("/api/trainings/" + id + "/cancel").then().statusCode(409);
    }

    private static JsonNode awaitStatus(String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String json = given().get("/api/trainings/" + id).then().statusCode(200).extract().asString();
            last[0] = MessageCodec.mapper().readTree(json);
            String now = last[0].path("status").asText();
            if (!now.equals(status) && (now.equals("FAILED") || now.equals("SUCCEEDED") || now.equals("CANCELLED"))) {
                throw new AssertionError("training " + id + " ended " + now + ": " + last[0]);
            }
            return now.equals(status);
        });
        return last[0];
    }

    static String sftRecords() {
        ArrayNode records = MessageCodec.mapper().createArrayNode();
        Map<String, String> answers = Map.of("How many r in rr?", "<thinking>r r</thinking>\n<answer>2</answer>",
                "How many a in banana?", "<thinking>b a n a n a</thinking>\n<answer>3</answer>",
                "How many z in zoo?", "<thinking>z o o</thinking>\n<answer>1</answer>",
                "How many o in zoo?", "<thinking>z o o</thinking>\n<answer>2</answer>");
        answers.forEach((q, a) -> {
            ObjectNode record = records.addObject();
            ArrayNode messages = record.putArray("messages");
            messages.addObject().put("role", "user").put("content", q);
            messages.addObject().put("role", "assistant").put("content", a);
        });
        return records.toString();
    }

    static String dpoRecords() {
        ArrayNode records = MessageCodec.mapper().createArrayNode();
        records.addObject().put("prompt", "How many r in rr?")
                .put("chosen", "<thinking>r r</thinking>\n<answer>2</answer>")
                .put("rejected", "<thinking>r r</thinking>\n<answer>3</answer>")
                .put("shared_prefix", "<thinking>r r</thinking>\n");
        records.addObject().put("prompt", "How many z in zoo?")
                .put("chosen", "<thinking>z o o</thinking>\n<answer>1</answer>")
                .put("rejected", "<thinking>z o</thinking>\n<answer>0</answer>")
                .put("shared_prefix", "<thinking>z o");
        return records.toString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
