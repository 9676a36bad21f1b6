package dev.marcoforge.gateway.training;

import java.util.List;

/** A training request that cannot run, with every problem named. */
public class InvalidTrainingException extends RuntimeException {

    private final List<String> problems;

    public InvalidTrainingException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
