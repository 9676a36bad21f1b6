package dev.marcoforge.sandbox.simulation;

/**
 * How sloppy the simulated model is. Rates are probabilities per step; they apply in full at or above
 * {@code fullErrorTemperature} and shrink linearly towards temperature 0, where the simulator never errs.
 *
 * @param skipLetterRate       chance that one spelling pass skips or misreads a letter (so a count is off by one)
 * @param wrongSumRate         chance that adding the per-letter counts (or an arithmetic step) goes wrong
 * @param criticCatchRate      chance that the critic's double-check catches a wrong result in the history
 * @param policyCatchFactor    the policy's own double-check catches at {@code criticCatchRate * policyCatchFactor}
 * @param fullErrorTemperature temperature from which the error rates apply in full
 */
public record SimulationSettings(double skipLetterRate, double wrongSumRate, double criticCatchRate,
                                 double policyCatchFactor, double fullErrorTemperature) {

    public SimulationSettings {
        requireProbability("skipLetterRate", skipLetterRate);
        requireProbability("wrongSumRate", wrongSumRate);
        requireProbability("criticCatchRate", criticCatchRate);
        requireProbability("policyCatchFactor", policyCatchFactor);
        if (!(fullErrorTemperature > 0)) {
            throw new IllegalArgumentException("fullErrorTemperature must be > 0, was " + fullErrorTemperature);
        }
    }

    public static SimulationSettings defaults() {
        return new SimulationSettings(0.15, 0.1, 0.7, 0.3, 0.7);
    }

    public SimulationSettings withErrorRates(double skipLetter, double wrongSum) {
        return new SimulationSettings(skipLetter, wrongSum, criticCatchRate, policyCatchFactor, fullErrorTemperature);
    }

    public SimulationSettings withCriticCatchRate(double catchRate) {
        return new SimulationSettings(skipLetterRate, wrongSumRate, catchRate, policyCatchFactor, fullErrorTemperature);
    }

    double temperatureScale(double temperature) {
        return Math.max(0, Math.min(1, temperature / fullErrorTemperature));
    }

    double catchRateOf(Persona persona) {
        return persona == Persona.CRITIC ? criticCatchRate : criticCatchRate * policyCatchFactor;
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
    }
}
