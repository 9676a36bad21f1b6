package dev.marcoforge.verifier.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.verifier.evaluation.VerificationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ad-hoc checks for debugging: judges one answer as a Kafka request would be judged, without storing or
 * publishing anything. The services themselves talk to the verifier only over Kafka.
 */
@Path("/api/verify")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    /**
     * The request: {@code answer} (or {@code answerText}, the Kafka request's field name) is the answer node's
     * text.
     */
    public record VerifyCall(String evaluator, String answer, String answerText, JsonNode groundTruth) {
    }

    public record VerifyResponse(String evaluator, boolean correct, String extractedAnswer, String reason) {
    }

    private final VerificationService verification;

    public VerifyResource(VerificationService verification) {
        this.verification = verification;
    }

    @POST
    public Response verify(VerifyCall call) {
        List<String> errors = new ArrayList<>();
        if (call == null) {
            return badRequest(List.of("body: a JSON object with 'evaluator', 'answer' and 'groundTruth' is required"));
        }
        if (call.evaluator() == null || call.evaluator().isBlank()) {
            errors.add("evaluator: required (an evaluator name, see GET /api/evaluators)");
        }
        String answer = call.answer() != null ? call.answer() : call.answerText();
        if (answer == null) {
            errors.add("answer: required (the answer text to judge)");
        }
        if (call.groundTruth() == null || call.groundTruth().isNull()) {
            errors.add("groundTruth: required (its shape depends on the evaluator)");
        }
        if (!errors.isEmpty()) {
            return badRequest(errors);
        }
        var judgement = verification.judge(call.evaluator(), answer, call.groundTruth());
        if (judgement.verdict() == null) {
            return badRequest(List.of((judgement.unknownEvaluator() ? "evaluator: " : "groundTruth: ")
                    + judgement.error()));
        }
        var verdict = judgement.verdict();
        return Response.ok(new VerifyResponse(call.evaluator(), verdict.correct(), verdict.extractedAnswer(),
                verdict.reason())).build();
    }

    private static Response badRequest(List<String> errors) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("errors", errors)).build();
    }
}
