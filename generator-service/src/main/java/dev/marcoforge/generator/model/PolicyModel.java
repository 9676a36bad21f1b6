package dev.marcoforge.generator.model;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Calls the policy model over HTTP for one step and returns the continuations (without the prefix). Failures become
 * {@link ModelCallException}s whose message says which endpoint failed and how; unreachable servers, timeouts and
 * 5xx answers are retried a couple of times with a short pause, other answers are not.
 */
@ApplicationScoped
public class PolicyModel {

    private final ModelClients clients;
    private final MeterRegistry meters;

    public PolicyModel(ModelClients clients, MeterRegistry meters) {
        this.clients = clients;
        this.meters = meters;
    }

    @Retry(maxRetries = 2, delay = 250, jitter = 100, retryOn = ModelUnavailableException.class)
    public List<String> complete(ModelEndpoint endpoint, StepPrompt prompt) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            List<String> texts = endpoint.speaksReferenceProtocol() ? generate(endpoint, prompt)
                    : chat(endpoint, prompt);
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

    private List<String> chat(ModelEndpoint endpoint, StepPrompt prompt) {
        var sampling = prompt.sampling();
        var request = new ChatCompletionRequest(endpoint.model(), prompt.conversation(), prompt.n(), prompt.stop(),
                sampling.maxTokens(), sampling.temperature(), sampling.topP(), sampling.seed(), true, false);
        JsonNode response = clients.forEndpoint(endpoint).chatCompletions(authorization(endpoint), request);
        List<String> texts = new ArrayList<>();
        JsonNode choices = response == null ? null : response.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new ModelCallException(endpoint.describe() + " answered without 'choices': " + abbreviate(
                    String.valueOf(response)));
        }
        for (JsonNode choice : choices) {
            JsonNode content = choice.path("message").path("content");
            texts.add(content.isTextual() ? content.textValue() : "");
        }
        return texts;
    }

    private List<String> generate(ModelEndpoint endpoint, StepPrompt prompt) {
        var sampling = prompt.sampling();
        var request = new GenerateRequest(prompt.userMessage(), prompt.assistantPrefix(), prompt.stop(), prompt.n(),
                sampling.temperature(), sampling.maxTokens());
        JsonNode response = clients.forEndpoint(endpoint).generate(authorization(endpoint), request);
        JsonNode texts = response == null ? null : response.get("response");
        if (texts == null || !texts.isArray()) {
            throw new ModelCallException(endpoint.describe() + " answered without 'response': " + abbreviate(
                    String.valueOf(response)));
        }
        List<String> result = new ArrayList<>();
        texts.forEach(t -> result.add(t.asText()));
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
