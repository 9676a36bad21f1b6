package dev.marcoforge.sandbox.simulation;

/**
 * How unsure the simulated writer is of a stretch of its own text, which sets how much probability the chosen
 * tokens get there. Ordered from sure to least sure, so the larger of two levels is the more doubtful.
 */
public enum Doubt {
    /** Text written without a slip. */
    SURE,
    /** A step in which the simulator injected a mistake: the whole step wavers a little. */
    SHAKEN_STEP,
    /** The wrong figure a mistake produced (a miscount, a wrong sum, a mistake let through): clearly unsure. */
    WRONG_CLAIM;

    Doubt atLeast(Doubt other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
