package dev.marcoforge.inference.service;

import dev.marcoforge.contracts.InferenceResult;

/** A request that ends in an error result; carries the error the gateway answers with. */
public class InferenceFailure extends RuntimeException {

    private final InferenceResult.Error error;

    public InferenceFailure(InferenceResult.Error error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public InferenceResult.Error error() {
        return error;
    }
}
