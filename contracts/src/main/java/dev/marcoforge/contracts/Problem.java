package dev.marcoforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A problem to search. The ground truth is JSON because evaluators take different shapes: a number for letter
 * counting, a LaTeX string for math, an object of instructions for instruction following.
 */
public record Problem(String id, String question, JsonNode groundTruth, String evaluator) {

    public Problem {
        Require.text(id, "problem.id");
        Require.text(question, "problem.question");
        Require.present(groundTruth, "problem.groundTruth");
        Require.text(evaluator, "problem.evaluator");
    }
}
