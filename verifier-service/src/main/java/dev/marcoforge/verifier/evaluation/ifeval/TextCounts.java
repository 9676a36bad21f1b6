package dev.marcoforge.verifier.evaluation.ifeval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word, sentence and case counting with IFEval's rules (nltk's \w+ words, its sentence splitter, str.isupper). */
final class TextCounts {

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_']+|[^\\s\\p{L}\\p{N}_']");
    private static final Pattern PREFIXES = Pattern.compile("(Mr|St|Mrs|Ms|Dr)[.]");
    private static final Pattern WEBSITES = Pattern.compile("[.](com|net|org|io|gov|edu|me)");
    private static final Pattern DIGITS = Pattern.compile("([0-9])[.]([0-9])");
    private static final Pattern MULTIPLE_DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern SUFFIXES_ACRONYM = Pattern.compile("(Inc|Ltd|Jr|Sr|Co)[.] ([A-Z])");
    private static final Pattern SINGLE_INITIAL = Pattern.compile("\\s([A-Za-z])[.] ");
    private static final Pattern ACRONYM3 = Pattern.compile("([A-Za-z])[.]([A-Za-z])[.]([A-Za-z])[.]");
    private static final Pattern ACRONYM2 = Pattern.compile("([A-Za-z])[.]([A-Za-z])[.]");
    private static final Pattern SUFFIX_END = Pattern.compile(" (Inc|Ltd|Jr|Sr|Co)[.]");

    private TextCounts() {
    }

    static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** IFEval's {@code split_into_sentences}: protect abbreviations, decimals and ellipses, then split on . ? !. */
    static int sentences(String text) {
        String t = " " + text + "  ";
        t = t.replace("\n", " ");
        t = PREFIXES.matcher(t).replaceAll("$1<prd>");
        t = WEBSITES.matcher(t).replaceAll("<prd>$1");
        t = DIGITS.matcher(t).replaceAll("$1<prd>$2");
        t = MULTIPLE_DOTS.matcher(t).replaceAll(m -> "<prd>".repeat(m.group().length()) + "<stop>");
        t = t.replace("Ph.D.", "Ph<prd>D<prd>");
        t = SINGLE_INITIAL.matcher(t).replaceAll(" $1<prd> ");
        t = SUFFIXES_ACRONYM.matcher(t).replaceAll("$1<stop> $2");
        t = ACRONYM3.matcher(t).replaceAll("$1<prd>$2<prd>$3<prd>");
        t = ACRONYM2.matcher(t).replaceAll("$1<prd>$2<prd>");
        t = SUFFIX_END.matcher(t).replaceAll(" $1<prd>");
        t = t.replace(".”", "”.").replace(".\"", "\".").replace("!\"", "\"!").replace("?\"", "\"?");
        t = t.replace(".", ".<stop>").replace("?", "?<stop>").replace("!", "!<stop>");
        t = t.replace("<prd>", ".");
        int n = 0;
        for (String sentence : t.split("<stop>")) {
            if (!sentence.isBlank()) {
                n++;
            }
        }
        return n;
    }

    /** Words (nltk-like tokens) that Python's {@code str.isupper()} calls upper case. */
    static int capitalWords(String text) {
        Matcher m = TOKEN.matcher(text);
        int n = 0;
        while (m.find()) {
            if (isUpper(m.group())) {
                n++;
            }
        }
        return n;
    }

    /** Python's {@code str.isupper()}: at least one cased character and no lowercase one. */
    static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1)) {
            int c = s.codePointAt(i);
            if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                cased = true;
            }
        }
        return cased;
    }

    /** Python's {@code str.islower()}: at least one cased character and no uppercase one. */
    static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1)) {
            int c = s.codePointAt(i);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            if (Character.isLowerCase(c)) {
                cased = true;
            }
        }
        return cased;
    }
}
