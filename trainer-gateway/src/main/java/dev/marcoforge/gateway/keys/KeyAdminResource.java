package dev.marcoforge.gateway.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.gateway.openai.ModelCatalog;
import dev.marcoforge.gateway.openai.OpenAiError;
import dev.marcoforge.gateway.openai.OpenAiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Key management behind the admin secret ({@code Authorization: Bearer <admin secret>}); {@code ./marco keys}
 * calls it. The new key is in the creation answer only: it is stored hashed.
 */
@Path("/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyAdminResource {

    private final KeyStore store;
    private final AdminSecret secret;
    private final KeyAuthenticator authenticator;
    private final ModelCatalog catalog;

    public KeyAdminResource(KeyStore store, AdminSecret secret, KeyAuthenticator authenticator,
            ModelCatalog catalog) {
        this.store = store;
        this.secret = secret;
        this.authenticator = authenticator;
        this.catalog = catalog;
    }

    /** A key as listed; {@code key} (the secret) is set only in the answer to its creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String name, List<String> models,
            @JsonProperty("requests_per_minute") Integer requestsPerMinute,
            @JsonProperty("tokens_per_minute") Integer tokensPerMinute,
            @JsonProperty("max_concurrent") Integer maxConcurrent,
            @JsonProperty("created_at") Instant createdAt, @JsonProperty("revoked_at") Instant revokedAt,
            String key) {

        static KeyView of(ApiKey key, String secretKey) {
            return new KeyView(key.id(), key.name(), key.models(), key.requestsPerMinute(), key.tokensPerMinute(),
                    key.maxConcurrent(), key.createdAt(), key.revokedAt(), secretKey);
        }
    }

    public record KeyListing(List<KeyView> data) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        requireAdmin(authorization);
        List<OpenAiException.FieldProblem> problems = new ArrayList<>();
        JsonNode request = body == null || body.isNull() ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : body;
        if (!request.isObject()) {
            throw OpenAiException.invalid(null, "the body must be a JSON object with 'name' (and optionally"
                    + " 'models', 'requests_per_minute', 'tokens_per_minute', 'max_concurrent')");
        }
        JsonNode nameNode = request.get("name");
        String name = nameNode != null && nameNode.isTextual() && !nameNode.textValue().isBlank()
                && nameNode.textValue().length() <= 200 ? nameNode.textValue().strip() : null;
        if (name == null) {
            problems.add(new OpenAiException.FieldProblem("name", "'name' must be a non-empty string of at most 200"
                    + " characters"));
        }
        List<String> models = new ArrayList<>();
        JsonNode modelsNode = request.get("models");
        if (modelsNode != null && !modelsNode.isNull()) {
            if (!modelsNode.isArray()) {
                problems.add(new OpenAiException.FieldProblem("models", "'models' must be an array of model names"));
            } else {
                for (JsonNode m : modelsNode) {
                    if (!m.isTextual() || !catalog.serves(m.textValue())) {
                        problems.add(new OpenAiException.FieldProblem("models", "'models' may only name served"
                                + " models " + catalog.names() + ", got " + m));
                    } else if (!models.contains(m.textValue())) {
                        models.add(m.textValue());
                    }
                }
            }
        }
        Integer rpm = limit(request, "requests_per_minute", problems);
        Integer tpm = limit(request, "tokens_per_minute", problems);
        Integer concurrent = limit(request, "max_concurrent", problems);
        if (!problems.isEmpty()) {
            throw OpenAiException.invalid(problems);
        }
        var created = store.create(name, models, rpm, tpm, concurrent);
        return Response.status(201).entity(KeyView.of(created.key(), created.secretKey())).build();
    }

    @GET
    public KeyListing list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireAdmin(authorization);
        return new KeyListing(store.list().stream().map(k -> KeyView.of(k, null)).toList());
    }

    @DELETE
    @Path("/{id}")
    public KeyView revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        requireAdmin(authorization);
        var revoked = store.revoke(id).orElseThrow(() -> new OpenAiException(404, OpenAiException.INVALID_REQUEST,
                "no key with id '" + id + "'", "id", "key_not_found"));
        authenticator.invalidate(id);
        return KeyView.of(revoked, null);
    }

    private void requireAdmin(String authorization) {
        if (!secret.configured()) {
            throw new OpenAiException(503, "api_error", "the key admin API is off: set marco.gateway.admin-secret"
                    + " (or marco.gateway.admin-secret-file)", null, "admin_disabled");
        }
        String presented = authorization == null ? null
                : authorization.strip().regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.strip().substring(7)
                        : authorization.strip();
        if (!secret.matches(presented == null ? null : presented.strip())) {
            throw OpenAiException.unauthorized("the admin secret is missing or wrong", "invalid_admin_secret");
        }
    }

    private static Integer limit(JsonNode body, String field, List<OpenAiException.FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1) {
            problems.add(new OpenAiException.FieldProblem(field, "'" + field + "' must be a positive integer, got "
                    + node));
            return null;
        }
        return node.intValue();
    }

    @ServerExceptionMapper
    public Response failure(OpenAiException e) {
        var builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body());
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(OpenAiError.of(
                "the request body is not valid JSON: " + e.getOriginalMessage(), OpenAiException.INVALID_REQUEST,
                null, null)).build();
    }
}
