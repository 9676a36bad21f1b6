package dev.marcoforge.verifier.evaluation.math;

import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.matheclipse.core.eval.EvalControlledCallable;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.form.tex.TeXParser;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The Symja computer algebra system, used where normalization and plain numbers cannot decide: {@code \sqrt{8}}
 * against {@code 2\sqrt{2}}, {@code (x+1)^2} against {@code x^2+2x+1}. Symja's evaluator keeps state (and needs a
 * history of at least one entry), so each thread has its own. Numeric evaluation of small expressions runs
 * directly (microseconds); simplification, and anything with a tower of powers, huge numbers or factorials, runs
 * under a time limit so a pathological answer cannot stall the consumer.
 */
public final class SymbolicMath {

    /** Longer inputs are not worth a CAS call: no answer of a graded problem is that long. */
    private static final int MAX_LENGTH = 300;
    private static final long TIME_LIMIT_MS = 2_000;
    private static final Pattern RISKY = Pattern.compile("\\d{7,}|!|\\^\\([^)]*\\^|\\^\\d{4,}");
    private static final ThreadLocal<ExprEvaluator> EVALUATOR = ThreadLocal.withInitial(SymbolicMath::newEvaluator);

    /**
     * A new evaluator, exercised once without a time limit: Symja's first simplification loads thousands of
     * classes, which on a busy machine takes longer than the limit and would turn a correct answer into a timeout.
     */
    private static ExprEvaluator newEvaluator() {
        ExprEvaluator evaluator = new ExprEvaluator(false, (short) 100);
        evaluator.eval("PossibleZeroQ(Simplify((x+1)^2-(x^2+2*x+1)))");
        evaluator.eval("N(Sqrt(2)*Pi)");
        return evaluator;
    }

    /** Loads Symja on the calling thread now rather than on the first answer that needs it. */
    public static void warmUp() {
        EVALUATOR.get();
    }

    private SymbolicMath() {
    }

    /** True when Symja proves the difference of the two LaTeX expressions zero; false when it cannot. */
    public static boolean provablyEqual(String leftLatex, String rightLatex) {
        IExpr left = parse(leftLatex);
        IExpr right = parse(rightLatex);
        if (left == null || right == null) {
            return false;
        }
        try {
            IExpr verdict = evaluateLimited("PossibleZeroQ(Simplify((" + left + ")-(" + right + ")))");
            return verdict != null && verdict.isTrue();
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /** The numeric value of a closed LaTeX expression ({@code 2\pi}, {@code \sqrt{2}/2}), if it has one. */
    public static OptionalDouble numericValue(String latex) {
        IExpr expr = parse(latex);
        if (expr == null) {
            return OptionalDouble.empty();
        }
        try {
            String input = "N(" + expr + ")";
            IExpr value = RISKY.matcher(input).find() ? evaluateLimited(input) : EVALUATOR.get().eval(input);
            if (value != null && value.isReal()) {
                double v = value.evalf();
                return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
            }
            return OptionalDouble.empty();
        } catch (RuntimeException | StackOverflowError e) {
            return OptionalDouble.empty();
        }
    }

    private static IExpr parse(String latex) {
        if (latex.length() > MAX_LENGTH) {
            return null;
        }
        try {
            var direct = LatexToSymja.convert(latex);
            IExpr expr = direct.isPresent() ? EVALUATOR.get().parse(direct.get()) : new TeXParser().parse(latex);
            return expr == null || isFailure(expr) ? null : expr;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static boolean isFailure(IExpr expr) {
        String text = expr.toString();
        return text.contains("$Aborted") || text.contains("Failed") || text.contains("TeXParser");
    }

    private static IExpr evaluateLimited(String expression) {
        ExprEvaluator evaluator = EVALUATOR.get();
        return evaluator.evaluateWithTimeout(expression, TIME_LIMIT_MS, TimeUnit.MILLISECONDS, true,
                new EvalControlledCallable(evaluator.getEvalEngine()));
    }
}
