package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plausible tokens the simulated writer could have written instead of the chosen one, most plausible first: the
 * neighbouring numbers of a number (so a miscount's right value ranks high), neighbouring letters of a letter,
 * other marks of a punctuation mark, and words of the simulator's own phrasing for a word. Each keeps the chosen
 * token's leading whitespace, as a real tokenizer's alternatives do.
 */
final class AlternativeTokens {

    private static final List<String> WORDS = List.of("the", "count", "total", "letter", "so", "is", "of", "and",
            "I", "a", "in", "word", "sum", "again", "result", "check", "number", "times", "first", "next", "it",
            "that", "this", "each", "step", "now", "let", "add", "we", "one");
    private static final List<String> MARKS = List.of(".", ",", ":", ";", "-", "(", ")", "!", "?", "'", "\"", "/",
            "=", "+", "*", "<", ">", "{", "}", "[", "]", "#", "&", "%", "|");

    private AlternativeTokens() {
    }

    /** {@code count} distinct tokens, none equal to {@code token}. */
    static List<String> around(String token, int count, SplittableRandom random) {
        int coreStart = 0;
        while (coreStart < token.length() && Character.isWhitespace(token.charAt(coreStart))) {
            coreStart++;
        }
        String leading = token.substring(0, coreStart);
        String core = token.substring(coreStart).strip();
        Set<String> cores = new LinkedHashSet<>();
        if (!core.isEmpty()) {
            addLikeKind(core, count, random, cores);
        }
        // Words fill up whatever the kind-specific candidates leave short.
        cores.addAll(shuffled(WORDS, random));
        cores.remove(core);
        List<String> alternatives = new ArrayList<>(count);
        for (String candidate : cores) {
            if (alternatives.size() == count) {
                break;
            }
            alternatives.add(leading + candidate);
        }
        return alternatives;
    }

    private static void addLikeKind(String core, int count, SplittableRandom random, Set<String> cores) {
        char first = core.charAt(0);
        if (core.length() <= 12 && core.chars().allMatch(c -> c >= '0' && c <= '9')) {
            addNeighbouringNumbers(Long.parseLong(core), count, random, cores);
        } else if (core.length() == 1 && (first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
            addNeighbouringLetters(first, random, cores);
        } else if (core.length() == 1 && !Character.isLetterOrDigit(first)) {
            cores.addAll(shuffled(MARKS, random));
        } else {
            cores.add(Character.isUpperCase(first) ? core.toLowerCase(Locale.ROOT)
                    : core.substring(0, 1).toUpperCase(Locale.ROOT) + core.substring(1));
        }
    }

    /** n-1 and n+1 in either order, then n-2 and n+2, and so on; never negative. */
    private static void addNeighbouringNumbers(long number, int count, SplittableRandom random, Set<String> cores) {
        for (long distance = 1; cores.size() < count; distance++) {
            long nearer = random.nextBoolean() ? number - distance : number + distance;
            long other = 2 * number - nearer;
            for (long candidate : new long[] {nearer, other}) {
                if (candidate >= 0) {
                    cores.add(String.valueOf(candidate));
                }
            }
        }
    }

    /** The letters on either side in the alphabet first, wrapping around, in the chosen letter's case. */
    private static void addNeighbouringLetters(char letter, SplittableRandom random, Set<String> cores) {
        char base = Character.isUpperCase(letter) ? 'A' : 'a';
        int position = letter - base;
        for (int distance = 1; distance <= 13; distance++) {
            int sign = random.nextBoolean() ? 1 : -1;
            cores.add(String.valueOf((char) (base + Math.floorMod(position + sign * distance, 26))));
            cores.add(String.valueOf((char) (base + Math.floorMod(position - sign * distance, 26))));
        }
    }

    private static List<String> shuffled(List<String> options, SplittableRandom random) {
        List<String> copy = new ArrayList<>(options);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }
}
