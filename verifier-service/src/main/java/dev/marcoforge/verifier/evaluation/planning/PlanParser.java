package dev.marcoforge.verifier.evaluation.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Blocksworld plan from a model's answer: PDDL-like steps ("(unstack a b)", "(pick-up c)") and the
 * natural-language spellings PlanBench uses ("unstack the red block from on top of the blue block", "pick up the
 * red block", "put down the red block", "stack the red block on top of the blue block"), one step per line,
 * sentence or "then". A {@code [PLAN] ... [PLAN END]} block, when present, is the plan; other text is ignored.
 */
public final class PlanParser {

    /** A plan, or the first text that looks like a step but cannot be read. */
    public record Parsed(List<BlocksWorld.Action> actions, String problem) {
    }

    private static final Pattern PLAN_BLOCK = Pattern.compile("(?is)\\[PLAN]\\s*(.*?)\\s*(?:\\[PLAN END]|$)");
    private static final Pattern PDDL = Pattern.compile(
            "\\(\\s*(pick-up|pickup|pick_up|put-down|putdown|put_down|stack|unstack)((?:\\s+[\\w-]+)*)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT_SPLIT = Pattern.compile("\\n|;|(?<=[.!?])\\s+|,?\\s+then\\s+|,?\\s+and\\s+(?=(?:un)?stack|pick|put|place)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VERB = Pattern.compile(
            "\\b(unstack|stack|pick(?:[ _-]?up)|put(?:[ _-]?down)|place|put|lift|remove|take)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMED_BLOCK = Pattern.compile(
            "\\bthe\\s+([\\w-]+)\\s+block\\b|\\bblock\\s+([\\w-]+)|\\b([\\w-]+)(?=\\s+block\\b)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FILLER = Set.of("the", "block", "on", "top", "of", "from", "onto", "to", "table",
            "and", "it", "up", "down", "then", "in", "hand", "step", "first", "next", "finally", "atop", "upon",
            "over", "which", "is", "that", "with");

    private PlanParser() {
    }

    public static Parsed parse(String text) {
        Matcher block = PLAN_BLOCK.matcher(text);
        String plan = block.find() ? block.group(1) : text;
        List<BlocksWorld.Action> actions = new ArrayList<>();
        Matcher pddl = PDDL.matcher(plan);
        boolean anyPddl = false;
        while (pddl.find()) {
            anyPddl = true;
            String[] args = pddl.group(2).trim().isEmpty() ? new String[0] : pddl.group(2).trim().split("\\s+");
            var action = action(pddl.group(1), List.of(args));
            if (action == null) {
                return new Parsed(actions, "cannot read step '" + pddl.group() + "'");
            }
            actions.add(action);
        }
        if (anyPddl) {
            return new Parsed(actions, null);
        }
        for (String segment : SEGMENT_SPLIT.split(plan)) {
            Matcher verb = VERB.matcher(segment);
            if (!verb.find()) {
                continue;
            }
            String rest = segment.substring(verb.end());
            List<String> names = names(rest);
            String verbText = verb.group(1).toLowerCase(Locale.ROOT);
            String lower = rest.toLowerCase(Locale.ROOT);
            if (verbText.equals("put") || verbText.equals("place")) {
                // "put the red block on the blue block" stacks; "put the red block on the table" / "down" puts down.
                verbText = names.size() >= 2 && !lower.contains("table") ? "stack" : "put-down";
            } else if (verbText.equals("lift") || verbText.equals("take") || verbText.equals("remove")) {
                verbText = names.size() >= 2 ? "unstack" : "pick-up";
            }
            var action = action(verbText, names);
            if (action == null) {
                return new Parsed(actions, "cannot read step '" + segment.trim() + "'");
            }
            actions.add(action);
        }
        return new Parsed(actions, null);
    }

    private static List<String> names(String rest) {
        List<String> names = new ArrayList<>();
        Matcher named = NAMED_BLOCK.matcher(rest);
        while (named.find()) {
            String name = named.group(1) != null ? named.group(1) : named.group(2) != null ? named.group(2)
                    : named.group(3);
            if (!FILLER.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(BlocksWorld.blockName(name));
            }
        }
        if (!names.isEmpty()) {
            return names;
        }
        for (String word : rest.split("[^\\w-]+")) {
            if (!word.isEmpty() && !FILLER.contains(word.toLowerCase(Locale.ROOT))) {
                names.add(BlocksWorld.blockName(word));
            }
        }
        return names;
    }

    private static BlocksWorld.Action action(String rawVerb, List<String> args) {
        String verb = rawVerb.toLowerCase(Locale.ROOT).replaceAll("[ _-]", "");
        List<String> blocks = args.stream().map(BlocksWorld::blockName).toList();
        return switch (verb) {
            case "pickup" -> blocks.size() == 1 ? new BlocksWorld.Action("pick-up", blocks.get(0), null) : null;
            case "putdown" -> blocks.size() == 1 ? new BlocksWorld.Action("put-down", blocks.get(0), null) : null;
            case "stack" -> blocks.size() == 2 ? new BlocksWorld.Action("stack", blocks.get(0), blocks.get(1)) : null;
            case "unstack" -> blocks.size() == 2 ? new BlocksWorld.Action("unstack", blocks.get(0), blocks.get(1))
                    : null;
            default -> null;
        };
    }
}
