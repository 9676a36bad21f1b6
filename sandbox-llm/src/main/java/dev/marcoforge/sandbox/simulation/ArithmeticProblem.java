package dev.marcoforge.sandbox.simulation;

/** "What is 17 + 25?": one binary operation on whole numbers (division only when it is exact). */
public record ArithmeticProblem(long left, Operator operator, long right) implements Problem {

    public enum Operator {
        PLUS("+", "addition"), MINUS("-", "subtraction"), TIMES("*", "multiplication"), DIVIDED_BY("/", "division");

        final String symbol;
        final String description;

        Operator(String symbol, String description) {
            this.symbol = symbol;
            this.description = description;
        }
    }

    @Override
    public long solution() {
        switch (operator) {
            case PLUS:
                return left + right;
            case MINUS:
                return left - right;
            case TIMES:
                return left * right;
            default:
                return left / right;
        }
    }

    String expression() {
        return left + " " + operator.symbol + " " + right;
    }
}
