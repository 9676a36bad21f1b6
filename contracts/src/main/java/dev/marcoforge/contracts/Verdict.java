package dev.marcoforge.contracts;

/** The verifier's judgement: whether the answer is right, what answer it read, and why. */
public record Verdict(boolean correct, String extractedAnswer, String reason) {

    public Verdict {
        Require.text(reason, "verdict.reason");
    }

    public static Verdict correct(String extracted, String reason) {
        return new Verdict(true, extracted, reason);
    }

    public static Verdict wrong(String extracted, String reason) {
        return new Verdict(false, extracted, reason);
    }
}
