package dev.marcoforge.sandbox.rest;

/** No serving slot freed up within the queue timeout; answered with 429 like a saturated inference server. */
public class SandboxBusyException extends RuntimeException {

    public SandboxBusyException(String message) {
        super(message);
    }
}
