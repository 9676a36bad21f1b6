package dev.marcoforge.gateway.dataset;

import java.util.regex.Pattern;

/**
 * Counts the tokens of a text for the shared-prefix lengths trainers mask. The built-in counters need no model files:
 * {@code whitespace} counts runs of word characters and runs of other non-space characters (the rule of Hugging Face
 * tokenizers' {@code Whitespace} pre-tokenizer, {@code \w+|[^\w\s]+}), {@code chars} counts Unicode code points. A
 * real model's count comes from {@link HuggingFaceTokenCounter} and a local {@code tokenizer.json}.
 */
public interface TokenCounter {

    /** The name the stats and options use. */
    String name();

    int count(String text);

    TokenCounter WHITESPACE = new TokenCounter() {
        private final Pattern token = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

        @Override
        public String name() {
            return "whitespace";
        }

        @Override
        public int count(String text) {
            return (int) token.matcher(text).results().count();
        }
    };

    TokenCounter CHARS = new TokenCounter() {
        @Override
        public String name() {
            return "chars";
        }

        @Override
        public int count(String text) {
            return text.codePointCount(0, text.length());
        }
    };
}
