package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Spells, counts and adds the way the reference's letter-counting chains do, with configurable slips. */
final class LetterCountNarrator implements Narrator {

    private final LetterCountProblem problem;
    private final Dice dice;

    LetterCountNarrator(LetterCountProblem problem, Dice dice) {
        this.problem = problem;
        this.dice = dice;
    }

    @Override
    public String quantity() {
        return "total";
    }

    @Override
    public List<String> planItems() {
        List<String> items = new ArrayList<>();
        items.add(dice.oneOf("Spell the word \"%s\" letter by letter.",
                "Split \"%s\" into its letters, one by one, noting each position.").formatted(problem.word()));
        for (char letter : problem.letters()) {
            items.add(dice.oneOf("Count the %s's in \"%s\".", "Count how many times %s appears in \"%s\".")
                    .formatted(letter, problem.word()));
        }
        if (problem.letters().size() > 1) {
            items.add("Add the counts of " + problem.letterList() + " together.");
            items.add("Double-check the spelling and the sum.");
        } else {
            items.add("Double-check the spelling and the count.");
        }
        return items;
    }

    @Override
    public String thinking(HistoryFacts facts) {
        List<Long> earlier = facts.countsFor(problem.letters());
        if (facts.countingSteps() > 0 && earlier != null) {
            return addUpEarlierCounts(earlier);
        }
        return freshCount(dice.oneOf(
                "Let me spell \"%s\" letter by letter, keeping a running count of %s.",
                "I go through \"%s\" one letter at a time and keep a running count of %s.")
                .formatted(problem.word(), problem.letterList()), conclusion()).text();
    }

    @Override
    public String doubleCheck(HistoryFacts facts) {
        if (facts.total().isEmpty()) {
            return freshCount("There is no result to check yet, so I count from the start.", conclusion()).text();
        }
        long claimed = facts.total().getAsLong();
        long correct = problem.solution();
        if (claimed == correct) {
            return respelling() + sumLine(trueCounts(), correct, ", the same as before.")
                    + "Everything checks out, so the total is " + correct + ".";
        }
        if (dice.catchesMistake()) {
            return respelling() + nameTheError(facts, claimed, correct) + "So the correct total is " + correct + ".";
        }
        return echoOfEarlierSteps(facts, claimed);
    }

    @Override
    public String reflection(HistoryFacts facts) {
        return freshCount("Let me recount \"%s\" carefully, letter by letter.".formatted(problem.word()),
                "So the correct total is %s.").text();
    }

    @Override
    public String thinkingFromScratch(HistoryFacts facts) {
        return freshCount("Spelling \"%s\" from the beginning and counting %s again.".formatted(
                problem.word(), problem.letterList()), conclusion()).text();
    }

    /** Restating the history's total is no mistake of this step, even when the total is wrong. */
    @Override
    public String hypothesisFigure(HistoryFacts facts) {
        if (facts.total().isPresent()) {
            return String.valueOf(facts.total().getAsLong());
        }
        long guess = dice.slipsWhileSpelling() ? dice.nearMiss(problem.solution()) : problem.solution();
        return DoubtMarks.figure(guess, problem.solution());
    }

    @Override
    public String answerFigure(HistoryFacts facts) {
        if (facts.total().isPresent()) {
            return String.valueOf(facts.total().getAsLong());
        }
        return DoubtMarks.figure(freshCount("", conclusion()).total(), problem.solution());
    }

    private record Count(String text, long total) {
    }

    /** A format whose %s is the total as written (possibly marked). */
    private String conclusion() {
        return "So the total number of " + problem.letterList() + " in \"" + problem.word() + "\" is %s.";
    }

    /** A complete spelling pass: the place where letters get skipped or misread. */
    private Count freshCount(String intro, String conclusionFormat) {
        WordReading reading = WordReading.of(problem, dice);
        StringBuilder text = new StringBuilder();
        if (!intro.isEmpty()) {
            text.append(intro).append('\n');
        }
        text.append(reading.spelledWithRunningCounts());
        text.append("The word has ").append(DoubtMarks.figure(reading.length(), problem.word().length()))
                .append(" letters.\n");
        List<Long> counts = new ArrayList<>();
        for (char letter : problem.letters()) {
            long count = reading.countOf(letter);
            counts.add(count);
            text.append("Count of ").append(letter).append(": ").append(DoubtMarks.figure(count, problem.countOf(letter)))
                    .append('\n');
        }
        long total = addPossiblyWrongly(counts);
        String totalAsWritten = DoubtMarks.figure(total, problem.solution());
        if (counts.size() > 1) {
            text.append("Adding the counts: ").append(sumExpression(counts)).append(" = ").append(totalAsWritten)
                    .append(".\n");
        }
        text.append(conclusionFormat.formatted(totalAsWritten));
        return new Count(text.toString(), total);
    }

    private String addUpEarlierCounts(List<Long> earlier) {
        StringBuilder text = new StringBuilder();
        if (earlier.size() > 1) {
            text.append("Next sub-task: add up the counts found so far.\n");
        } else {
            text.append("Next sub-task: confirm the count of ").append(problem.letters().get(0))
                    .append(" found so far.\n");
        }
        for (int i = 0; i < earlier.size(); i++) {
            text.append("Count of ").append(problem.letters().get(i)).append(": ").append(earlier.get(i)).append('\n');
        }
        long total = addPossiblyWrongly(earlier);
        // Only a slip in this very addition is this step's mistake; wrong counts it copied are the history's.
        String totalAsWritten = DoubtMarks.figure(total, earlier.stream().mapToLong(Long::longValue).sum());
        if (earlier.size() > 1) {
            text.append(sumExpression(earlier)).append(" = ").append(totalAsWritten).append(".\n");
        }
        return text.append(conclusion().formatted(totalAsWritten)).toString();
    }

    private String respelling() {
        StringBuilder text = new StringBuilder();
        String dashed = problem.word().chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining("-"));
        text.append("Spelling \"").append(problem.word()).append("\" again: ").append(dashed)
                .append(" (").append(problem.word().length()).append(" letters).\n");
        for (char letter : problem.letters()) {
            List<Integer> positions = positionsOf(letter);
            if (positions.isEmpty()) {
                text.append(letter).append(" does not appear, so the count of ").append(letter).append(" is 0.\n");
            } else {
                text.append(letter).append(" appears at position").append(positions.size() > 1 ? "s " : " ")
                        .append(listed(positions)).append(", so the count of ").append(letter).append(" is ")
                        .append(positions.size()).append(".\n");
            }
        }
        return text.toString();
    }

    private String nameTheError(HistoryFacts facts, long claimed, long correct) {
        StringBuilder text = new StringBuilder();
        for (char letter : problem.letters()) {
            Long stated = facts.counts().get(letter);
            long actual = problem.countOf(letter);
            if (stated != null && stated != actual) {
                text.append("I found an error: the previous steps counted ").append(letter).append(' ')
                        .append(stated).append(stated == 1 ? " time" : " times").append(", but \"")
                        .append(problem.word()).append("\" has ").append(occurrences(letter, actual)).append(".\n");
            }
        }
        if (text.length() == 0) {
            List<Long> counts = trueCounts();
            if (counts.size() > 1 && facts.countsFor(problem.letters()) != null) {
                text.append("I found an error: the counts were added wrongly, ").append(sumExpression(counts))
                        .append(" is ").append(correct).append(", not ").append(claimed).append(".\n");
            } else {
                text.append("I found an error: the previous result of ").append(claimed)
                        .append(" does not match the letters.\n");
            }
        }
        return text.toString();
    }

    /** A check that misses the mistake re-reads the earlier figures instead of recounting. */
    private String echoOfEarlierSteps(HistoryFacts facts, long claimed) {
        StringBuilder text = new StringBuilder("I go over the previous steps again.\n");
        for (char letter : problem.letters()) {
            Long stated = facts.counts().get(letter);
            if (stated != null) {
                text.append("Count of ").append(letter).append(": ").append(stated).append('\n');
            }
        }
        // Letting the wrong total through is this step's mistake, so the total it confirms is a wrong claim.
        return text.append("The spelling and the ").append(problem.letters().size() > 1 ? "sum" : "count")
                .append(" look right, so the total is ").append(DoubtMarks.wrongClaim(String.valueOf(claimed)))
                .append('.').toString();
    }

    private String sumLine(List<Long> counts, long total, String remark) {
        return counts.size() > 1 ? sumExpression(counts) + " = " + total + remark + "\n" : "";
    }

    private long addPossiblyWrongly(List<Long> counts) {
        long sum = counts.stream().mapToLong(Long::longValue).sum();
        return counts.size() > 1 && dice.slipsWhileAdding() ? dice.nearMiss(sum) : sum;
    }

    private List<Long> trueCounts() {
        return problem.letters().stream().map(letter -> (long) problem.countOf(letter)).collect(Collectors.toList());
    }

    private List<Integer> positionsOf(char letter) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < problem.word().length(); i++) {
            if (problem.word().charAt(i) == letter) {
                positions.add(i + 1);
            }
        }
        return positions;
    }

    /** "1 a", "3 r's": how people write letter counts. */
    private static String occurrences(char letter, long count) {
        return count == 1 ? "1 " + letter : count + " " + letter + "'s";
    }

    private static String sumExpression(List<Long> counts) {
        return counts.stream().map(String::valueOf).collect(Collectors.joining(" + "));
    }

    private static String listed(List<Integer> positions) {
        if (positions.size() == 1) {
            return String.valueOf(positions.get(0));
        }
        String head = positions.subList(0, positions.size() - 1).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        return head + " and " + positions.get(positions.size() - 1);
    }
}
