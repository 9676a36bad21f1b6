package dev.marcoforge.sandbox.simulation;

import java.util.List;
import java.util.SplittableRandom;

/** The random decisions of one choice; a fixed seed makes a whole choice reproducible. */
final class Dice {

    private final SplittableRandom random;
    private final double spellingSlipRate;
    private final double additionSlipRate;
    private final double catchRate;
    /** Slips and missed catches so far, so a step can tell whether it was written with a mistake. */
    private int mistakes;

    Dice(long seed, SimulationSettings settings, Persona persona, double temperature) {
        this.random = new SplittableRandom(seed);
        double scale = settings.temperatureScale(temperature);
        this.spellingSlipRate = settings.skipLetterRate() * scale;
        this.additionSlipRate = settings.wrongSumRate() * scale;
        this.catchRate = settings.catchRateOf(persona);
    }

    boolean slipsWhileSpelling() {
        return counted(chance(spellingSlipRate));
    }

    boolean slipsWhileAdding() {
        return counted(chance(additionSlipRate));
    }

    /** Asked only when the history holds a wrong result, so a miss is a mistake too: it lets one through. */
    boolean catchesMistake() {
        boolean caught = chance(catchRate);
        counted(!caught);
        return caught;
    }

    int mistakesSoFar() {
        return mistakes;
    }

    boolean coin() {
        return random.nextBoolean();
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    <T> T oneOf(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    final <T> T oneOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** A plausible wrong value near the right one: a slip, not a wild guess. */
    long nearMiss(long correct) {
        long delta = random.nextInt(4) == 0 ? 2 : 1;
        long candidate = coin() ? correct + delta : correct - delta;
        return candidate < 0 ? correct + delta : candidate;
    }

    private boolean counted(boolean mistake) {
        if (mistake) {
            mistakes++;
        }
        return mistake;
    }

    private boolean chance(double probability) {
        // Compare strictly so that a rate of 0 never fires and a rate of 1 always does.
        return probability > 0 && random.nextDouble() < probability;
    }
}
