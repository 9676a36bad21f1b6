package dev.marcoforge.critic.client;

import java.net.URI;

/**
 * A critic model server and the protocol it speaks. A URL ending in {@code /generate} is a Marco-o1 reference
 * server (the {@code url2} of the paper's config); anything else is an OpenAI-compatible base URL such as
 * {@code http://host:8000/v1}.
 */
public record ModelEndpoint(String url, Protocol protocol) {

    public enum Protocol {
        OPENAI_CHAT, MARCO_GENERATE
    }

    private static final String GENERATE = "/generate";
    private static final String CHAT_COMPLETIONS = "/chat/completions";

    public ModelEndpoint {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a model endpoint URL is required");
        }
    }

    public static ModelEndpoint of(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a model endpoint URL is required");
        }
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri = URI.create(trimmed);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("not an http(s) URL: '" + url + "'");
        }
        return new ModelEndpoint(trimmed, trimmed.endsWith(GENERATE) ? Protocol.MARCO_GENERATE : Protocol.OPENAI_CHAT);
    }

    /** The URL the REST client is built on; the interface adds the last path segment. */
    URI clientBase() {
        return URI.create(protocol == Protocol.MARCO_GENERATE ? url.substring(0, url.length() - GENERATE.length())
                : url);
    }

    /** The URL that is actually called, for error messages and logs. */
    public String callUrl() {
        return protocol == Protocol.MARCO_GENERATE ? url : url + CHAT_COMPLETIONS;
    }
}
