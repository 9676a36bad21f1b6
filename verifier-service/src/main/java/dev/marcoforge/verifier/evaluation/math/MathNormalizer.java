package dev.marcoforge.verifier.evaluation.math;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a LaTeX answer to a canonical text in the spirit of the MATH benchmark's {@code strip_string} and
 * Minerva's {@code normalize_final_answer}: two answers a grader would call the same read the same afterwards.
 */
public final class MathNormalizer {

    private static final Pattern TEXT_GROUP = Pattern.compile("\\\\(?:text|textbf|mathrm|mbox|mathbf|textit)\\s*\\{([^{}]*)}");
    private static final Pattern FRAC_SHORT = Pattern.compile("\\\\frac\\s*(\\d)\\s*(\\d)");
    private static final Pattern FRAC_HALF_SHORT = Pattern.compile("\\\\frac\\s*\\{([^{}]*)}\\s*(\\d)");
    private static final Pattern FRAC_SHORT_HALF = Pattern.compile("\\\\frac\\s*(\\d)\\s*\\{([^{}]*)}");
    private static final Pattern SQRT_SHORT = Pattern.compile("\\\\sqrt\\s*(\\d+|[a-zA-Z])");
    private static final Pattern SQRT_CALL = Pattern.compile("(?<!\\\\)\\bsqrt\\s*\\(([^()]*)\\)");
    private static final Pattern SIMPLE_SLASH = Pattern.compile("^(-?\\d+)/(\\d+)$");
    private static final Pattern THOUSANDS = Pattern.compile("^-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?$");
    private static final Pattern TRAILING_ZEROS = Pattern.compile("(\\d+)\\.0+(?!\\d)");
    private static final Pattern DECIMAL_TRAILING_ZEROS = Pattern.compile("(\\d+\\.\\d*?[1-9])0+(?!\\d)");
    private static final Pattern SHORT_LHS = Pattern.compile("^[a-zA-Z](?:_\\{?\\w+}?)?(?:\\([a-z]\\))?\\s*=\\s*(.+)$");
    private static final Pattern IN_SET = Pattern.compile("^[a-zA-Z]\\s*\\\\in\\s*(.+)$");
    private static final List<String> UNIT_WORDS = List.of("square units", "sq units", "units", "unit", "degrees",
            "degree", "cm", "centimeters", "meters", "metres", "km", "kilometers", "inches", "inch", "feet", "foot",
            "ft", "miles", "mile", "mph", "hours", "hour", "minutes", "minute", "seconds", "second", "days", "day",
            "dollars", "dollar", "cents", "cent", "pounds", "kg", "grams", "g", "liters", "ml", "people", "students",
            "apples", "meters per second", "m", "s", "sq ft", "square feet", "square meters", "square inches");
    private static final Pattern TRAILING_UNIT = Pattern.compile("^(.*?\\d)\\s*(?:\\^\\{?\\d}?)?\\s*(?:"
            + String.join("|", UNIT_WORDS.stream().sorted((a, b) -> b.length() - a.length()).toList())
            + ")\\.?(?:\\^\\{?\\d}?)?$", Pattern.CASE_INSENSITIVE);

    private MathNormalizer() {
    }

    public static String normalize(String raw) {
        String s = raw.trim();
        s = s.replace("\n", " ").replace("\\!", "").replace("\\,", "").replace("\\;", "").replace("\\:", "")
                .replace("\\ ", " ").replace("~", " ");
        s = stripMathDelimiters(s);
        s = s.replace("\\displaystyle", "");
        s = s.replace("\\left", "").replace("\\right", "").replace("\\bigl", "").replace("\\bigr", "")
                .replace("\\Bigl", "").replace("\\Bigr", "");
        s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac");
        s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("°", "").replace("\\degree", "");
        s = s.replace("\\$", "").replace("$", "");
        s = s.replace("\\%", "").replace("%", "").replace("\\percent", "");
        s = s.replace("{,}", ",");
        s = s.replace("√", "\\sqrt").replace("π", "\\pi").replace("∞", "\\infty").replace("−", "-");
        s = s.replace("\\le ", "\\leq ").replace("\\ge ", "\\geq ");
        s = dropUnitsText(s);
        s = s.trim();
        while (s.endsWith(".") && !s.endsWith("..")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        Matcher unit = TRAILING_UNIT.matcher(s);
        if (unit.matches()) {
            s = unit.group(1);
        }
        Matcher lhs = SHORT_LHS.matcher(s);
        if (lhs.matches() && !lhs.group(1).contains("=")) {
            s = lhs.group(1);
        }
        Matcher in = IN_SET.matcher(s);
        if (in.matches()) {
            s = in.group(1);
        }
        s = SQRT_CALL.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\sqrt{" + m.group(1) + "}"));
        s = SQRT_SHORT.matcher(s).replaceAll("\\\\sqrt{$1}");
        s = FRAC_SHORT.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = FRAC_HALF_SHORT.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = FRAC_SHORT_HALF.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = s.replace(" ", "");
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        if (s.startsWith(".")) {
            s = "0" + s;
        }
        s = s.replace("{.", "{0.").replace("-.", "-0.");
        s = TRAILING_ZEROS.matcher(s).replaceAll("$1");
        s = DECIMAL_TRAILING_ZEROS.matcher(s).replaceAll("$1");
        Matcher slash = SIMPLE_SLASH.matcher(s);
        if (slash.matches()) {
            s = "\\frac{" + slash.group(1) + "}{" + slash.group(2) + "}";
        }
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        return s;
    }

    /** Lowercase form for word answers ("Monday", "\text{yes}"), where case carries no meaning. */
    public static String caseless(String normalized) {
        return normalized.toLowerCase(Locale.ROOT);
    }

    private static String stripMathDelimiters(String s) {
        String t = s;
        for (String[] pair : new String[][] { { "$$", "$$" }, { "$", "$" }, { "\\(", "\\)" }, { "\\[", "\\]" } }) {
            if (t.startsWith(pair[0]) && t.endsWith(pair[1]) && t.length() >= pair[0].length() + pair[1].length()) {
                t = t.substring(pair[0].length(), t.length() - pair[1].length()).trim();
            }
        }
        return t;
    }

    /**
     * {@code \text{...}} after a value is a unit ("5\text{ cm}"), so it goes; an answer that is only text
     * ("\text{Monday}") keeps its words.
     */
    private static String dropUnitsText(String s) {
        Matcher m = TEXT_GROUP.matcher(s);
        if (!m.find()) {
            return s;
        }
        String without = TEXT_GROUP.matcher(s).replaceAll("").trim();
        boolean hasValue = without.replaceAll("[\\s^{}()]", "").chars().anyMatch(Character::isLetterOrDigit);
        if (hasValue) {
            return without.replaceAll("\\^\\{?\\d}?$", "").trim();
        }
        return TEXT_GROUP.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1))).trim();
    }
}
