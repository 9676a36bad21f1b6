package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the earlier steps concluded, read back from their text the way a model would re-read its context: the
 * latest count stated per letter and the latest stated total. Mistakes in the history therefore propagate.
 *
 * @param countingSteps how many thinking, from-scratch or reflection steps came before; a later thinking step
 *                      then moves on to the next sub-task instead of spelling the word again
 */
public record HistoryFacts(Map<Character, Long> counts, OptionalLong total, int countingSteps) {

    private static final Pattern COUNT = Pattern.compile("(?i)\\bcount of\\s+['\"]?([a-z])['\"]?\\s*(?::|=|is)\\s*(\\d{1,9})");
    private static final List<Pattern> TOTALS = List.of(
            Pattern.compile("(?i)\\b(?:total|sum|result|answer)\\b[^\\n]*?\\bis\\s*:?\\s*(-?\\d{1,12})"),
            Pattern.compile("(?m)=\\s*(-?\\d{1,12})\\s*(?:\\.(?!\\d)|$)"),
            Pattern.compile("boxed\\{\\s*(-?\\d{1,12})\\s*}"));

    public HistoryFacts {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public static HistoryFacts of(Transcript transcript) {
        Map<Character, Long> counts = new LinkedHashMap<>();
        OptionalLong total = OptionalLong.empty();
        int countingSteps = 0;
        for (Transcript.Block block : transcript.closedBlocks()) {
            if (!block.action().statesResults()) {
                continue;
            }
            if (block.action() != Action.DOUBLE_CHECK) {
                countingSteps++;
            }
            Matcher count = COUNT.matcher(block.content());
            while (count.find()) {
                counts.put(Character.toLowerCase(count.group(1).charAt(0)), Long.parseLong(count.group(2)));
            }
            OptionalLong stated = lastStatedTotal(block.content());
            if (stated.isPresent()) {
                total = stated;
            }
        }
        return new HistoryFacts(counts, total, countingSteps);
    }

    /** The stated total that comes last in the text, whichever phrasing stated it. */
    static OptionalLong lastStatedTotal(String text) {
        int bestPosition = -1;
        long best = 0;
        for (Pattern pattern : TOTALS) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (matcher.start(1) > bestPosition) {
                    try {
                        best = Long.parseLong(matcher.group(1));
                        bestPosition = matcher.start(1);
                    } catch (NumberFormatException tooLong) {
                        // Not a figure a counting step would state; ignore it.
                    }
                }
            }
        }
        return bestPosition < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    /** The stated counts of the given letters, or null unless every one of them was stated. */
    List<Long> countsFor(List<Character> letters) {
        List<Long> values = new ArrayList<>();
        for (Character letter : letters) {
            Long value = counts.get(letter);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }
}
