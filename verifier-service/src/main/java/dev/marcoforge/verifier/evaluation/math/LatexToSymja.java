package dev.marcoforge.verifier.evaluation.math;

import java.util.Map;
import java.util.Optional;

/**
 * Translates the LaTeX of typical final answers ({@code 2\sqrt{2}}, {@code \frac{\pi}{3}}, {@code x^{2}+1}) to
 * Symja input directly. Symja's own TeX parser handles more but costs about a millisecond per call; this covers
 * the common forms in microseconds and returns empty for anything else, which then goes to Symja's parser.
 */
final class LatexToSymja {

    private static final Map<String, String> COMMANDS = Map.ofEntries(Map.entry("pi", "Pi"),
            Map.entry("infty", "Infinity"), Map.entry("cdot", "*"), Map.entry("times", "*"), Map.entry("div", "/"),
            Map.entry("ln", "Log"), Map.entry("sin", "Sin"), Map.entry("cos", "Cos"), Map.entry("tan", "Tan"),
            Map.entry("exp", "Exp"));

    private LatexToSymja() {
    }

    static Optional<String> convert(String latex) {
        try {
            String body = new LatexToSymja.Reader(latex).expression(false);
            return Optional.of(implicitProducts(body));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Inserts '*' where LaTeX multiplies by juxtaposition: 2x, 2Sqrt(2), (a)(b), xy. */
    private static String implicitProducts(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i > 0) {
                char p = s.charAt(i - 1);
                boolean prevEnds = Character.isDigit(p) || p == ')' || Character.isLowerCase(p) || p == '.';
                boolean startsOperand = Character.isLetter(c) || c == '(';
                boolean digitAfterValue = Character.isDigit(c) && (p == ')' || Character.isLowerCase(p));
                boolean functionName = Character.isUpperCase(p) || (Character.isLetter(p) && isInName(s, i - 1));
                if (prevEnds && !functionName && (startsOperand || digitAfterValue) && p != '.') {
                    out.append('*');
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether position i is inside a capitalised function name such as "Sqrt" or "Infinity". */
    private static boolean isInName(String s, int i) {
        int j = i;
        while (j >= 0 && Character.isLetter(s.charAt(j))) {
            if (Character.isUpperCase(s.charAt(j))) {
                return true;
            }
            j--;
        }
        return false;
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        /** Reads until the end, or until the closing brace of a group when {@code inGroup}. */
        String expression(boolean inGroup) {
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '}') {
                    if (!inGroup) {
                        throw new Unsupported();
                    }
                    i++;
                    return out.toString();
                }
                if (c == '{') {
                    i++;
                    out.append('(').append(expression(true)).append(')');
                } else if (c == '\\') {
                    out.append(command());
                } else if (c == '^') {
                    i++;
                    out.append('^').append(argument());
                } else if (Character.isLetterOrDigit(c) || "+-*/().".indexOf(c) >= 0) {
                    if (Character.isLetter(c) && (c > 127 || Character.isUpperCase(c))) {
                        throw new Unsupported();
                    }
                    out.append(c);
                    i++;
                } else if (c == ' ') {
                    i++;
                } else {
                    throw new Unsupported();
                }
            }
            if (inGroup) {
                throw new Unsupported();
            }
            return out.toString();
        }

        /** A ^ or command argument: a braced group or a single character. */
        private String argument() {
            if (i >= s.length()) {
                throw new Unsupported();
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                return "(" + expression(true) + ")";
            }
            if (Character.isLetterOrDigit(c)) {
                i++;
                return String.valueOf(c);
            }
            if (c == '\\') {
                return "(" + command() + ")";
            }
            throw new Unsupported();
        }

        private String command() {
            int start = ++i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String name = s.substring(start, i);
            switch (name) {
                case "frac" -> {
                    String num = argument();
                    String den = argument();
                    return "((" + num + ")/(" + den + "))";
                }
                case "sqrt" -> {
                    if (i < s.length() && s.charAt(i) == '[') {
                        int close = s.indexOf(']', i);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        String index = s.substring(i + 1, close);
                        if (!index.matches("\\d+")) {
                            throw new Unsupported();
                        }
                        i = close + 1;
                        return "((" + argument() + ")^(1/" + index + "))";
                    }
                    return "Sqrt(" + argument() + ")";
                }
                default -> {
                    String symja = COMMANDS.get(name);
                    if (symja == null) {
                        throw new Unsupported();
                    }
                    return symja;
                }
            }
        }
    }
}
