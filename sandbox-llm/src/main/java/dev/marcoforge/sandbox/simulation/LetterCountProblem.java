package dev.marcoforge.sandbox.simulation;

import java.util.List;
import java.util.stream.Collectors;

/** "How many r and a are there in total in strawberry?": the total count of the letters in the word. */
public record LetterCountProblem(String word, List<Character> letters) implements Problem {

    public LetterCountProblem {
        letters = List.copyOf(letters);
        if (word.isEmpty() || letters.isEmpty()) {
            throw new IllegalArgumentException("a letter-count problem needs a word and at least one letter");
        }
    }

    public int countOf(char letter) {
        int count = 0;
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) == letter) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long solution() {
        return letters.stream().mapToInt(this::countOf).sum();
    }

    boolean isTarget(char letter) {
        return letters.contains(letter);
    }

    /** "r", "r and a", "r, a and e". */
    String letterList() {
        List<String> names = letters.stream().map(String::valueOf).collect(Collectors.toList());
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
