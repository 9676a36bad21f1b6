package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The letters as one spelling pass read them: the true word, or the word with one skipped or misread letter. */
final class WordReading {

    private static final int NO_SLIP = -1;

    private final LetterCountProblem problem;
    private final List<Character> letters;
    /** Where the reading went wrong: the misread letter, or the one read in place of the skipped one. */
    private final int slipPosition;

    private WordReading(LetterCountProblem problem, List<Character> letters, int slipPosition) {
        this.problem = problem;
        this.letters = letters;
        this.slipPosition = slipPosition;
    }

    static WordReading of(LetterCountProblem problem, Dice dice) {
        List<Character> letters = new ArrayList<>();
        for (char c : problem.word().toCharArray()) {
            letters.add(c);
        }
        int slipPosition = dice.slipsWhileSpelling() ? slip(problem, letters, dice) : NO_SLIP;
        return new WordReading(problem, letters, slipPosition);
    }

    /**
     * Every slip changes the total by one, as the rate promises: a counted letter is skipped or misread as an
     * uncounted one, or, when the word has none of them, an uncounted letter is misread as a counted one.
     *
     * @return the position where the reading went wrong
     */
    private static int slip(LetterCountProblem problem, List<Character> letters, Dice dice) {
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            if (problem.isTarget(letters.get(i))) {
                targets.add(i);
            }
        }
        if (targets.isEmpty()) {
            int position = dice.below(letters.size());
            letters.set(position, dice.oneOf(problem.letters()));
            return position;
        }
        int position = dice.oneOf(targets);
        if (dice.coin()) {
            letters.remove(position);
        } else {
            letters.set(position, lookalikeOutside(problem, letters.get(position)));
        }
        return position;
    }

    /** A neighbouring letter of the alphabet that is not being counted, the kind of misreading a model makes. */
    private static char lookalikeOutside(LetterCountProblem problem, char letter) {
        for (int distance = 1; distance < 26; distance++) {
            for (int sign : new int[] {1, -1}) {
                char candidate = (char) ('a' + Math.floorMod(letter - 'a' + sign * distance, 26));
                if (!problem.isTarget(candidate)) {
                    return candidate;
                }
            }
        }
        return '?';
    }

    int length() {
        return letters.size();
    }

    long countOf(char letter) {
        return letters.stream().filter(c -> c == letter).count();
    }

    /**
     * "s(1) t(2) r(3) -> r count 1", one line per counted letter, so the running counts are easy to follow. The
     * letter where the reading went wrong is marked: that is where the simulated writer wavered.
     */
    String spelledWithRunningCounts() {
        StringBuilder text = new StringBuilder();
        StringBuilder line = new StringBuilder();
        Map<Character, Integer> running = new HashMap<>();
        for (int i = 0; i < letters.size(); i++) {
            char letter = letters.get(i);
            if (line.length() > 0) {
                line.append(' ');
            }
            String entry = letter + "(" + (i + 1) + ")";
            line.append(i == slipPosition ? DoubtMarks.wrongClaim(entry) : entry);
            if (problem.isTarget(letter)) {
                int count = running.merge(letter, 1, Integer::sum);
                text.append(line).append(" -> ").append(letter).append(" count ").append(count).append('\n');
                line.setLength(0);
            }
        }
        if (line.length() > 0) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
