package dev.marcoforge.verifier.evaluation.ifeval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 25 instruction checks of IFEval's registry (google-research/instruction_following_eval, as Multi-IF uses it),
 * each ported with the same rules: the same regular expressions, the same "less than"/"at least" relations and the
 * same edge cases (empty paragraphs at the ends, {@code ***} paragraph marks, detector failures counting as
 * followed). A check returns whether the text follows the instruction and a short explanation with the measured
 * value.
 */
public final class InstructionChecks {

    /** The outcome of one check on one text. */
    public record Outcome(boolean followed, String detail) {
    }

    @FunctionalInterface
    interface Check {
        Outcome apply(String text, Kwargs kwargs);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Check> CHECKS = new TreeMap<>();

    static {
        CHECKS.put("keywords:existence", InstructionChecks::keywordsExist);
        CHECKS.put("keywords:frequency", InstructionChecks::keywordFrequency);
        CHECKS.put("keywords:forbidden_words", InstructionChecks::forbiddenWords);
        CHECKS.put("keywords:letter_frequency", InstructionChecks::letterFrequency);
        CHECKS.put("language:response_language", InstructionChecks::responseLanguage);
        CHECKS.put("length_constraints:number_sentences", InstructionChecks::numberSentences);
        CHECKS.put("length_constraints:number_paragraphs", InstructionChecks::numberParagraphs);
        CHECKS.put("length_constraints:number_words", InstructionChecks::numberWords);
        CHECKS.put("length_constraints:nth_paragraph_first_word", InstructionChecks::nthParagraphFirstWord);
        CHECKS.put("detectable_content:number_placeholders", InstructionChecks::placeholders);
        CHECKS.put("detectable_content:postscript", InstructionChecks::postscript);
        CHECKS.put("detectable_format:number_bullet_lists", InstructionChecks::bulletLists);
        CHECKS.put("detectable_format:constrained_response", InstructionChecks::constrainedResponse);
        CHECKS.put("detectable_format:number_highlighted_sections", InstructionChecks::highlightedSections);
        CHECKS.put("detectable_format:multiple_sections", InstructionChecks::multipleSections);
        CHECKS.put("detectable_format:json_format", InstructionChecks::jsonFormat);
        CHECKS.put("detectable_format:title", InstructionChecks::title);
        CHECKS.put("combination:two_responses", InstructionChecks::twoResponses);
        CHECKS.put("combination:repeat_prompt", InstructionChecks::repeatPrompt);
        CHECKS.put("startend:end_checker", InstructionChecks::endChecker);
        CHECKS.put("startend:quotation", InstructionChecks::quotation);
        CHECKS.put("change_case:capital_word_frequency", InstructionChecks::capitalWordFrequency);
        CHECKS.put("change_case:english_capital", InstructionChecks::englishCapital);
        CHECKS.put("change_case:english_lowercase", InstructionChecks::englishLowercase);
        CHECKS.put("punctuation:no_comma", InstructionChecks::noComma);
    }

    private InstructionChecks() {
    }

    public static java.util.Set<String> ids() {
        return java.util.Collections.unmodifiableSet(CHECKS.keySet());
    }

    /** @throws IllegalArgumentException for an unknown instruction id or missing/ill-typed arguments. */
    public static Outcome check(String instructionId, String text, JsonNode kwargs) {
        Check check = CHECKS.get(instructionId);
        if (check == null) {
            throw new IllegalArgumentException("unknown instruction '" + instructionId + "'");
        }
        return check.apply(text, new Kwargs(instructionId, kwargs));
    }

    // --- keywords ---------------------------------------------------------------------------------------------

    private static Outcome keywordsExist(String text, Kwargs kw) {
        List<String> missing = new ArrayList<>();
        for (String keyword : kw.strings("keywords")) {
            if (!Pattern.compile(Pattern.quote(keyword), Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                missing.add(keyword);
            }
        }
        return missing.isEmpty() ? new Outcome(true, "all keywords present") : new Outcome(false, "missing " + missing);
    }

    private static Outcome keywordFrequency(String text, Kwargs kw) {
        String keyword = kw.string("keyword");
        int count = count(Pattern.compile(Pattern.quote(keyword), Pattern.CASE_INSENSITIVE), text);
        return relation("'" + keyword + "' ", count, kw.integer("frequency"), kw.relation("relation"));
    }

    private static Outcome forbiddenWords(String text, Kwargs kw) {
        List<String> found = new ArrayList<>();
        for (String word : kw.strings("forbidden_words")) {
            if (Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                found.add(word);
            }
        }
        return found.isEmpty() ? new Outcome(true, "no forbidden word") : new Outcome(false, "uses " + found);
    }

    private static Outcome letterFrequency(String text, Kwargs kw) {
        String letter = kw.string("letter").toLowerCase(Locale.ROOT);
        if (letter.length() != 1) {
            throw new IllegalArgumentException("keywords:letter_frequency: 'letter' must be one letter, got '"
                    + letter + "'");
        }
        long count = text.toLowerCase(Locale.ROOT).chars().filter(c -> c == letter.charAt(0)).count();
        return relation("letter '" + letter + "' ", (int) count, kw.integer("let_frequency"),
                kw.relation("let_relation"));
    }

    // --- language ---------------------------------------------------------------------------------------------

    private static Outcome responseLanguage(String text, Kwargs kw) {
        String wanted = kw.string("language").toLowerCase(Locale.ROOT);
        Optional<String> detected = LanguageDetection.isoCodeOf(text);
        // IFEval counts a text the detector cannot read as following the instruction.
        if (detected.isEmpty()) {
            return new Outcome(true, "language undetectable, counted as followed");
        }
        return new Outcome(detected.get().equals(wanted), "detected '" + detected.get() + "', wanted '" + wanted + "'");
    }

    // --- length constraints -----------------------------------------------------------------------------------

    private static Outcome numberSentences(String text, Kwargs kw) {
        return relation("", TextCounts.sentences(text), kw.integer("num_sentences"), kw.relation("relation"),
                "sentences");
    }

    private static Outcome numberParagraphs(String text, Kwargs kw) {
        int wanted = kw.integer("num_paragraphs");
        String[] paragraphs = Pattern.compile("\\s?\\*\\*\\*\\s?").split(text, -1);
        int count = paragraphs.length;
        for (int i = 0; i < paragraphs.length; i++) {
            if (paragraphs[i].isBlank()) {
                if (i == 0 || i == paragraphs.length - 1) {
                    count--;
                } else {
                    return new Outcome(false, "empty paragraph " + (i + 1) + " between *** marks");
                }
            }
        }
        return new Outcome(count == wanted, count + " paragraphs (*** separated), wanted " + wanted);
    }

    private static Outcome numberWords(String text, Kwargs kw) {
        return relation("", TextCounts.words(text), kw.integer("num_words"), kw.relation("relation"), "words");
    }

    private static Outcome nthParagraphFirstWord(String text, Kwargs kw) {
        int wantedParagraphs = kw.integer("num_paragraphs");
        int nth = kw.integer("nth_paragraph");
        String wantedWord = kw.string("first_word").toLowerCase(Locale.ROOT);
        String[] paragraphs = text.split("\n\n", -1);
        int count = paragraphs.length;
        for (String paragraph : paragraphs) {
            if (paragraph.isBlank()) {
                count--;
            }
        }
        if (nth > count || nth < 1) {
            return new Outcome(false, "no paragraph " + nth + " (" + count + " paragraphs)");
        }
        String paragraph = paragraphs[nth - 1].strip();
        if (paragraph.isEmpty()) {
            return new Outcome(false, "paragraph " + nth + " is empty");
        }
        String word = paragraph.split("\\s+")[0].strip().replaceAll("^['\"]+", "");
        StringBuilder first = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (".,?!'\"".indexOf(c) >= 0) {
                break;
            }
            first.append(Character.toLowerCase(c));
        }
        boolean ok = count == wantedParagraphs && first.toString().equals(wantedWord);
        return new Outcome(ok, count + " paragraphs (wanted " + wantedParagraphs + "), paragraph " + nth
                + " starts with '" + first + "' (wanted '" + wantedWord + "')");
    }

    // --- detectable content -----------------------------------------------------------------------------------

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[.*?]");

    private static Outcome placeholders(String text, Kwargs kw) {
        int wanted = kw.integer("num_placeholders");
        int count = count(PLACEHOLDER, text);
        return new Outcome(count >= wanted, count + " [placeholders], needs at least " + wanted);
    }

    private static Outcome postscript(String text, Kwargs kw) {
        String marker = kw.string("postscript_marker");
        String lower = text.toLowerCase(Locale.ROOT);
        String pattern = switch (marker) {
            case "P.P.S" -> "\\s*p\\.\\s?p\\.\\s?s.*$";
            case "P.S." -> "\\s*p\\.\\s?s\\..*$";
            default -> "\\s*" + Pattern.quote(marker.toLowerCase(Locale.ROOT)) + ".*$";
        };
        boolean found = Pattern.compile(pattern, Pattern.MULTILINE).matcher(lower).find();
        return new Outcome(found, found ? "has a " + marker + " postscript" : "no " + marker + " postscript");
    }

    // --- detectable format ------------------------------------------------------------------------------------

    private static final Pattern STAR_BULLET = Pattern.compile("^\\s*\\*[^*].*$", Pattern.MULTILINE);
    private static final Pattern DASH_BULLET = Pattern.compile("^\\s*-.*$", Pattern.MULTILINE);

    private static Outcome bulletLists(String text, Kwargs kw) {
        int wanted = kw.integer("num_bullets");
        int count = count(STAR_BULLET, text) + count(DASH_BULLET, text);
        return new Outcome(count == wanted, count + " bullet points, wanted exactly " + wanted);
    }

    private static final List<String> CONSTRAINED = List.of("My answer is yes.", "My answer is no.",
            "My answer is maybe.");

    private static Outcome constrainedResponse(String text, Kwargs kw) {
        String value = text.strip();
        for (String option : CONSTRAINED) {
            if (value.contains(option)) {
                return new Outcome(true, "contains '" + option + "'");
            }
        }
        return new Outcome(false, "none of " + CONSTRAINED);
    }

    private static final Pattern HIGHLIGHT = Pattern.compile("\\*[^\\n*]*\\*");
    private static final Pattern DOUBLE_HIGHLIGHT = Pattern.compile("\\*\\*[^\\n*]*\\*\\*");

    private static Outcome highlightedSections(String text, Kwargs kw) {
        int wanted = kw.integer("num_highlights");
        int count = 0;
        Matcher single = HIGHLIGHT.matcher(text);
        while (single.find()) {
            if (!single.group().replaceAll("^\\*+|\\*+$", "").isBlank()) {
                count++;
            }
        }
        Matcher dbl = DOUBLE_HIGHLIGHT.matcher(text);
        while (dbl.find()) {
            String inner = dbl.group().substring(2, dbl.group().length() - 2);
            if (!inner.isBlank()) {
                count++;
            }
        }
        return new Outcome(count >= wanted, count + " highlighted sections, needs at least " + wanted);
    }

    private static Outcome multipleSections(String text, Kwargs kw) {
        String splitter = kw.string("section_spliter").strip();
        int wanted = kw.integer("num_sections");
        String[] sections = Pattern.compile("\\s?" + Pattern.quote(splitter) + "\\s?\\d+\\s?").split(text, -1);
        int count = sections.length - 1;
        return new Outcome(count >= wanted, count + " '" + splitter + " N' sections, needs at least " + wanted);
    }

    private static Outcome jsonFormat(String text, Kwargs kw) {
        String value = text.strip();
        for (String prefix : new String[] { "```json", "```Json", "```JSON", "```" }) {
            if (value.startsWith(prefix)) {
                value = value.substring(prefix.length());
                break;
            }
        }
        if (value.endsWith("```")) {
            value = value.substring(0, value.length() - 3);
        }
        value = value.strip();
        try {
            JsonNode parsed = JSON.readTree(value);
            if (parsed == null || parsed.isMissingNode()) {
                return new Outcome(false, "empty, not JSON");
            }
            return new Outcome(true, "valid JSON");
        } catch (JsonProcessingException e) {
            return new Outcome(false, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static final Pattern TITLE = Pattern.compile("<<[^\\n]+>>");

    private static Outcome title(String text, Kwargs kw) {
        Matcher m = TITLE.matcher(text);
        while (m.find()) {
            if (!m.group().replaceAll("^<+|>+$", "").isBlank()) {
                return new Outcome(true, "title " + m.group());
            }
        }
        return new Outcome(false, "no <<title>>");
    }

    // --- combination ------------------------------------------------------------------------------------------

    private static Outcome twoResponses(String text, Kwargs kw) {
        String[] responses = text.split(Pattern.quote("******"), -1);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < responses.length; i++) {
            if (responses[i].isBlank()) {
                if (i != 0 && i != responses.length - 1) {
                    return new Outcome(false, "empty response between ****** marks");
                }
            } else {
                valid.add(responses[i]);
            }
        }
        if (valid.size() != 2) {
            return new Outcome(false, valid.size() + " responses separated by ******, wanted 2");
        }
        boolean different = !valid.get(0).strip().equals(valid.get(1).strip());
        return new Outcome(different, different ? "two different responses" : "the two responses are the same");
    }

    private static Outcome repeatPrompt(String text, Kwargs kw) {
        String prompt = kw.string("prompt_to_repeat");
        boolean ok = text.strip().toLowerCase(Locale.ROOT).startsWith(prompt.strip().toLowerCase(Locale.ROOT));
        return new Outcome(ok, ok ? "starts with the prompt" : "does not start with the prompt");
    }

    // --- start/end --------------------------------------------------------------------------------------------

    private static Outcome endChecker(String text, Kwargs kw) {
        String phrase = kw.string("end_phrase").strip().toLowerCase(Locale.ROOT);
        String value = text.strip().replaceAll("^\"+|\"+$", "").toLowerCase(Locale.ROOT);
        boolean ok = value.endsWith(phrase);
        return new Outcome(ok, ok ? "ends with '" + phrase + "'" : "does not end with '" + phrase + "'");
    }

    private static Outcome quotation(String text, Kwargs kw) {
        String value = text.strip();
        boolean ok = value.length() > 1 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
        return new Outcome(ok, ok ? "wrapped in double quotes" : "not wrapped in double quotes");
    }

    // --- change case ------------------------------------------------------------------------------------------

    private static Outcome capitalWordFrequency(String text, Kwargs kw) {
        int count = TextCounts.capitalWords(text);
        return relation("", count, kw.integer("capital_frequency"), kw.relation("capital_relation"),
                "all-capital words");
    }

    private static Outcome englishCapital(String text, Kwargs kw) {
        if (!TextCounts.isUpper(text)) {
            return new Outcome(false, "not all capital letters");
        }
        return english(text, "all capital letters");
    }

    private static Outcome englishLowercase(String text, Kwargs kw) {
        if (!TextCounts.isLower(text)) {
            return new Outcome(false, "not all lowercase letters");
        }
        return english(text, "all lowercase letters");
    }

    private static Outcome english(String text, String caseNote) {
        Optional<String> detected = LanguageDetection.isoCodeOf(text);
        if (detected.isEmpty()) {
            return new Outcome(true, caseNote + ", language undetectable, counted as followed");
        }
        boolean ok = detected.get().equals("en");
        return new Outcome(ok, caseNote + ", detected '" + detected.get() + "'");
    }

    // --- punctuation ------------------------------------------------------------------------------------------

    private static Outcome noComma(String text, Kwargs kw) {
        int at = text.indexOf(',');
        return new Outcome(at < 0, at < 0 ? "no comma" : "comma at character " + at);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Outcome relation(String what, int count, int wanted, String relation) {
        return relation(what, count, wanted, relation, "occurrences");
    }

    private static Outcome relation(String what, int count, int wanted, String relation, String unit) {
        boolean ok = relation.equals("less than") ? count < wanted : count >= wanted;
        return new Outcome(ok, what + count + " " + unit + ", needs " + relation + " " + wanted);
    }

    /** The arguments of one instruction, read with errors that name the instruction and the argument. */
    static final class Kwargs {
        private final String instruction;
        private final JsonNode node;

        Kwargs(String instruction, JsonNode node) {
            this.instruction = instruction;
            this.node = node == null || node.isNull() ? JSON.createObjectNode() : node;
            if (!this.node.isObject()) {
                throw new IllegalArgumentException(instruction + ": kwargs must be an object, got " + node);
            }
        }

        String string(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                throw missing(name, "a non-empty string");
            }
            return value.textValue();
        }

        int integer(String name) {
            JsonNode value = node.get(name);
            if (value == null || !(value.isIntegralNumber() || value.isTextual() && value.textValue().matches("\\d+"))) {
                throw missing(name, "a whole number");
            }
            return value.isIntegralNumber() ? value.intValue() : Integer.parseInt(value.textValue());
        }

        List<String> strings(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw missing(name, "a non-empty list of strings");
            }
            List<String> out = new ArrayList<>();
            value.forEach(v -> {
                if (!v.isTextual()) {
                    throw missing(name, "a list of strings");
                }
                out.add(v.textValue());
            });
            return out;
        }

        String relation(String name) {
            String value = string(name);
            if (!value.equals("less than") && !value.equals("at least")) {
                throw new IllegalArgumentException(instruction + ": '" + name
                        + "' must be 'less than' or 'at least', got '" + value + "'");
            }
            return value;
        }

        private IllegalArgumentException missing(String name, String what) {
            return new IllegalArgumentException(instruction + ": kwargs '" + name + "' must be " + what + ", got "
                    + node.get(name));
        }
    }
}
