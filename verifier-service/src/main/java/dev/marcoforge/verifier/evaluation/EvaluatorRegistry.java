package dev.marcoforge.verifier.evaluation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Finds an evaluator by the name a search config gives in {@code evaluate_func}. */
@ApplicationScoped
public class EvaluatorRegistry {

    private final Map<String, Evaluator> byName = new TreeMap<>();

    public EvaluatorRegistry(Instance<Evaluator> evaluators) {
        for (Evaluator evaluator : evaluators) {
            for (String name : evaluator.names()) {
                Evaluator previous = byName.put(name, evaluator);
                if (previous != null) {
                    throw new IllegalStateException("two evaluators claim the name '" + name + "'");
                }
            }
        }
    }

    public Optional<Evaluator> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}
