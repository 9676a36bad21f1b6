package dev.marcoforge.sandbox.simulation;

import java.util.Locale;

/** The reasoning actions of Marco-o1 v2, each written inside its own tag. */
public enum Action {
    SUB_TASK("sub-task"),
    THINKING("thinking"),
    DOUBLE_CHECK("double-check"),
    REFLECTION("reflection"),
    HYPOTHESIS("hypothesis"),
    THINKING_FROM_SCRATCH("thinking_from_scratch"),
    ANSWER("answer"),
    /** A tag the simulator does not know; it is still closed properly. */
    OTHER("note");

    private final String tag;

    Action(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** Tolerates both spellings seen in the wild ("sub-task"/"sub_task", "double_check"...). */
    public static Action forTag(String tag) {
        String wanted = normalize(tag);
        for (Action action : values()) {
            if (action != OTHER && normalize(action.tag).equals(wanted)) {
                return action;
            }
        }
        return OTHER;
    }

    /** The step a complete reasoning chain writes after this one; null after the answer. */
    Action following() {
        switch (this) {
            case SUB_TASK:
            case HYPOTHESIS:
            case THINKING_FROM_SCRATCH:
                return THINKING;
            case THINKING:
                return DOUBLE_CHECK;
            case REFLECTION:
                return THINKING_FROM_SCRATCH;
            case ANSWER:
                return null;
            default:
                return ANSWER;
        }
    }

    /** Steps whose conclusions count as "what the history arrived at"; a hypothesis is only a guess. */
    boolean statesResults() {
        return this == THINKING || this == THINKING_FROM_SCRATCH || this == DOUBLE_CHECK || this == REFLECTION;
    }

    private static String normalize(String tag) {
        return tag.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
