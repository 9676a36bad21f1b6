package dev.marcoforge.launcher.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Letter-counting problems on made-up words, in the Marco-o1 data format ({id, problem, solution}). Words are
 * drawn from syllables with a seed, so a run is repeatable; the training and held-out sets never share a word.
 */
public final class LetterProblems {

    private static final List<String> ONSETS = List.of("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r",
            "s", "t", "v", "w", "z", "br", "cr", "dr", "st", "tr", "pl", "gr", "sh", "ch");
    private static final List<String> VOWELS = List.of("a", "e", "i", "o", "u", "ea", "oo", "ai");
    private static final List<String> CODAS = List.of("", "", "n", "r", "s", "t", "l", "m", "rr", "ss", "ck");

    private LetterProblems() {
    }

    /** Two disjoint sets: {@code train} problems then {@code heldOut} problems. */
    public static ArrayNode[] generate(int train, int heldOut, long seed) {
        Random random = new Random(seed);
        Set<String> used = new HashSet<>();
        return new ArrayNode[] {problems("train", train, random, used), problems("test", heldOut, random, used)};
    }

    private static ArrayNode problems(String prefix, int count, Random random, Set<String> used) {
        ArrayNode problems = MessageCodec.mapper().createArrayNode();
        while (problems.size() < count) {
            String word = word(random);
            if (!used.add(word)) {
                continue;
            }
            // Mostly a letter of the word, sometimes one it lacks (the answer 0 is a fair question too).
            char letter = random.nextInt(6) == 0 ? (char) ('a' + random.nextInt(26))
                    : word.charAt(random.nextInt(word.length()));
            long count0 = word.chars().filter(c -> c == letter).count();
            ObjectNode problem = problems.addObject();
            problem.put("id", prefix + "_" + problems.size());
            problem.put("problem", "How many " + letter + " are there in " + word + "?");
            problem.put("solution", count0);
        }
        return problems;
    }

    static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            word.append(ONSETS.get(random.nextInt(ONSETS.size()))).append(VOWELS.get(random.nextInt(VOWELS.size())));
            if (i == syllables - 1 || random.nextBoolean()) {
                word.append(CODAS.get(random.nextInt(CODAS.size())));
            }
        }
        return word.toString();
    }
}
