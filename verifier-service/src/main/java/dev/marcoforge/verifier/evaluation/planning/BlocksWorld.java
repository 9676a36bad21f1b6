package dev.marcoforge.verifier.evaluation.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Blocksworld domain (PlanBench's four actions) as a set of ground facts: {@code on x y}, {@code ontable x},
 * {@code clear x}, {@code handempty}, {@code holding x}. Block names are lower case without "block"/"the", so "the
 * red block", "red_block" and "red" are the same block.
 */
public final class BlocksWorld {

    /** One action of a plan; {@code target} is the block underneath for stack/unstack, else null. */
    public record Action(String verb, String block, String target) {
        @Override
        public String toString() {
            return target == null ? "(" + verb + " " + block + ")" : "(" + verb + " " + block + " " + target + ")";
        }
    }

    private final Set<String> facts;
    private final Set<String> blocks;

    private BlocksWorld(Set<String> facts, Set<String> blocks) {
        this.facts = facts;
        this.blocks = blocks;
    }

    /** The state after {@code action}, or an explanation of the precondition it violates. */
    public Optional<String> apply(Action action) {
        String x = action.block();
        String y = action.target();
        for (String block : action.target() == null ? List.of(x) : List.of(x, y)) {
            if (!blocks.contains(block)) {
                return Optional.of("there is no block '" + block + "' (blocks: " + blocks + ")");
            }
        }
        List<String> unmet = new ArrayList<>();
        switch (action.verb()) {
            case "pick-up" -> {
                require(unmet, "clear " + x, x + " is not clear");
                require(unmet, "ontable " + x, x + " is not on the table");
                require(unmet, "handempty", handNote());
                if (unmet.isEmpty()) {
                    facts.removeAll(List.of("ontable " + x, "clear " + x, "handempty"));
                    facts.add("holding " + x);
                }
            }
            case "put-down" -> {
                require(unmet, "holding " + x, "the hand does not hold " + x + " (" + handNote() + ")");
                if (unmet.isEmpty()) {
                    facts.remove("holding " + x);
                    facts.addAll(List.of("ontable " + x, "clear " + x, "handempty"));
                }
            }
            case "stack" -> {
                if (x.equals(y)) {
                    return Optional.of("cannot stack " + x + " on itself");
                }
                require(unmet, "holding " + x, "the hand does not hold " + x + " (" + handNote() + ")");
                require(unmet, "clear " + y, y + " is not clear");
                if (unmet.isEmpty()) {
                    facts.removeAll(List.of("holding " + x, "clear " + y));
                    facts.addAll(List.of("on " + x + " " + y, "clear " + x, "handempty"));
                }
            }
            case "unstack" -> {
                require(unmet, "on " + x + " " + y, x + " is not on " + y);
                require(unmet, "clear " + x, x + " is not clear");
                require(unmet, "handempty", handNote());
                if (unmet.isEmpty()) {
                    facts.removeAll(List.of("on " + x + " " + y, "clear " + x, "handempty"));
                    facts.addAll(List.of("holding " + x, "clear " + y));
                }
            }
            default -> throw new IllegalStateException("unknown verb " + action.verb());
        }
        return unmet.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", unmet));
    }

    public List<String> unmet(Set<String> goal) {
        return goal.stream().filter(f -> !facts.contains(f)).toList();
    }

    private void require(List<String> unmet, String fact, String explanation) {
        if (!facts.contains(fact)) {
            unmet.add(explanation);
        }
    }

    private String handNote() {
        return facts.stream().filter(f -> f.startsWith("holding ")).findFirst()
                .map(f -> "the hand holds " + f.substring(8)).orElse("the hand is empty");
    }

    /**
     * The initial state from the ground truth's {@code init} facts. A state without {@code holding} or
     * {@code handempty} starts with the hand empty.
     */
    public static BlocksWorld of(JsonNode init) {
        Set<String> facts = parseFacts(init, "init");
        Set<String> blocks = new TreeSet<>();
        for (String fact : facts) {
            String[] parts = fact.split(" ");
            for (int i = 1; i < parts.length; i++) {
                blocks.add(parts[i]);
            }
        }
        if (facts.stream().noneMatch(f -> f.startsWith("holding ") || f.equals("handempty"))) {
            facts.add("handempty");
        }
        return new BlocksWorld(facts, blocks);
    }

    /** Facts as strings ("on a b", "(on a b)") or lists (["on", "a", "b"]), checked for predicate and arity. */
    public static Set<String> parseFacts(JsonNode node, String field) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("planning: '" + field + "' must be a non-empty list of facts such as "
                    + "\"on a b\", \"ontable b\", \"clear a\", \"handempty\"");
        }
        Set<String> facts = new LinkedHashSet<>();
        for (JsonNode fact : node) {
            List<String> parts = new ArrayList<>();
            if (fact.isTextual()) {
                for (String p : fact.textValue().replaceAll("[()]", " ").trim().split("\\s+")) {
                    parts.add(p);
                }
            } else if (fact.isArray()) {
                fact.forEach(p -> parts.add(p.asText()));
            } else {
                throw new IllegalArgumentException("planning: fact " + fact + " in '" + field + "' is not a string");
            }
            String predicate = predicate(parts.get(0));
            int arity = switch (predicate) {
                case "on" -> 2;
                case "ontable", "clear", "holding" -> 1;
                case "handempty" -> 0;
                default -> throw new IllegalArgumentException("planning: unknown predicate '" + parts.get(0)
                        + "' in '" + field + "' (known: on, ontable, clear, holding, handempty)");
            };
            if (parts.size() - 1 != arity) {
                throw new IllegalArgumentException("planning: '" + predicate + "' takes " + arity
                        + " block(s), got " + fact + " in '" + field + "'");
            }
            StringBuilder canonical = new StringBuilder(predicate);
            for (int i = 1; i < parts.size(); i++) {
                canonical.append(' ').append(blockName(parts.get(i)));
            }
            facts.add(canonical.toString());
        }
        return facts;
    }

    private static String predicate(String raw) {
        String p = raw.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (p) {
            case "ontable", "ontheTable" -> "ontable";
            case "handempty", "armempty", "emptyhand" -> "handempty";
            case "on", "clear", "holding" -> p;
            default -> p;
        };
    }

    /** "the Red_Block" -> "red". */
    public static String blockName(String raw) {
        String name = PUNCTUATION.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("").trim();
        return BLOCK_WORDS.matcher(name).replaceAll("");
    }

    private static final java.util.regex.Pattern PUNCTUATION = java.util.regex.Pattern.compile("[\"'.,;:]");
    private static final java.util.regex.Pattern BLOCK_WORDS = java.util.regex.Pattern.compile(
            "^the[ _-]+|[ _-]*block$|^block[ _-]+");
}
