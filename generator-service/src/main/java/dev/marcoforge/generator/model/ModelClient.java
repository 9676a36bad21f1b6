package dev.marcoforge.generator.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.TokenConfidence;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Calls a role's model over HTTP for one step and returns the continuations (without the prefix), with their token
 * confidences when asked (an OpenAI-compatible server's {@code logprobs}). Failures become
 * {@link ModelCallException}s whose message says which endpoint failed and how; unreachable servers, timeouts and
 * 5xx answers are retried a couple of times with a short pause, other answers are not.
 */
@ApplicationScoped
public class ModelClient {

    private final ModelClients clients;
    private final MeterRegistry meters;

    public ModelClient(ModelClients clients, MeterRegistry meters) {
        this.clients = clients;
        this.meters = meters;
    }

    @Retry(maxRetries = 2, delay = 250, jitter = 100, retryOn = ModelUnavailableException.class)
    public List<Completion> complete(ModelEndpoint endpoint, StepPrompt prompt, boolean logprobs) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            if (logprobs && endpoint.speaksReferenceProtocol()) {
                throw new ModelCallException(endpoint.describe() + " speaks the reference /generate protocol, which"
                        + " returns no logprobs; the confidence reward needs an OpenAI-compatible server");
            }
            List<Completion> texts = endpoint.speaksReferenceProtocol() ? generate(endpoint, prompt)
                    : chat(endpoint, prompt, logprobs);
            if (texts.isEmpty()) {
                throw new ModelCallException(endpoint.describe() + " returned no completion");
            }
            outcome = "ok";
            return texts;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String message = endpoint.describe() + " answered HTTP " + status + bodyOf(e);
            if (status >= 500 || status == 429) {
                throw new ModelUnavailableException(message, e);
            }
            throw new ModelCallException(message, e);
        } catch (ProcessingException e) {
            throw new ModelUnavailableException(describeFailure(endpoint, e), e);
        } finally {
            sample.stop(meters.timer("marco.generator.model.calls", "role", endpoint.role(), "outcome", outcome));
        }
    }

    private List<Completion> chat(ModelEndpoint endpoint, StepPrompt prompt, boolean logprobs) {
        var sampling = prompt.sampling();
        var request = new ChatCompletionRequest(endpoint.model(), prompt.conversation(), prompt.n(), prompt.stop(),
                sampling.maxTokens(), sampling.temperature(), sampling.topP(), sampling.seed(), true, false,
                logprobs ? Boolean.TRUE : null, logprobs ? TokenConfidence.CANDIDATES : null);
        JsonNode response = clients.forEndpoint(endpoint).chatCompletions(authorization(endpoint), request);
        List<Completion> texts = new ArrayList<>();
        JsonNode choices = response == null ? null : response.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new ModelCallException(endpoint.describe() + " answered without 'choices': " + abbreviate(
                    String.valueOf(response)));
        }
        for (JsonNode choice : choices) {
            JsonNode content = choice.path("message").path("content");
            String text = content.isTextual() ? content.textValue() : "";
            if (!logprobs) {
                texts.add(Completion.of(text));
                continue;
            }
            try {
                texts.add(new Completion(text, TokenConfidence.ofLogprobs(choice.path("logprobs"), TokenConfidence.CANDIDATES)));
            } catch (IllegalArgumentException e) {
                throw new ModelCallException(endpoint.describe() + " answered without usable logprobs ("
                        + e.getMessage() + "); the confidence reward needs a server that returns them");
            }
        }
        return texts;
    }

    private List<Completion> generate(ModelEndpoint endpoint, StepPrompt prompt) {
        var sampling = prompt.sampling();
        var request = new GenerateRequest(prompt.userMessage(), prompt.assistantPrefix(), prompt.stop(), prompt.n(),
                sampling.temperature(), sampling.maxTokens());
        JsonNode response = clients.forEndpoint(endpoint).generate(authorization(endpoint), request);
        JsonNode texts = response == null ? null : response.get("response");
        if (texts == null || !texts.isArray()) {
            throw new ModelCallException(endpoint.describe() + " answered without 'response': " + abbreviate(
                    String.valueOf(response)));
        }
        List<Completion> result = new ArrayList<>();
        texts.forEach(t -> result.add(Completion.of(t.asText())));
        return result;
    }

    private static String authorization(ModelEndpoint endpoint) {
        return endpoint.apiKey().map(key -> "Bearer " + key).orElse(null);
    }

    static String describeFailure(ModelEndpoint endpoint, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof ConnectException || message.contains("Connection refused")) {
                return endpoint.describe() + " unreachable: " + (message.contains("Connection refused")
                        ? "Connection refused" : message);
            }
            if (t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")
                    || message.contains("timeout period")) {
                return endpoint.describe() + " did not answer within " + endpoint.timeout().toSeconds() + "s";
            }
            if (t instanceof java.net.UnknownHostException) {
                return endpoint.describe() + " unreachable: unknown host " + message;
            }
        }
        return endpoint.describe() + " call failed: " + rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String bodyOf(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            return body == null || body.isBlank() ? "" : ": " + abbreviate(body);
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
