package dev.marcoforge.generator.model;

import dev.marcoforge.generator.config.GeneratorConfig;
import dev.marcoforge.generator.config.ModelRole;
import dev.marcoforge.generator.config.ModelRolesConfig;
import dev.marcoforge.generator.config.RoleSpec;
import dev.marcoforge.generator.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Resolves a job's model endpoint per role: the policy is the config's {@code url1} (already job-overridden) or the
 * service's {@code marco.models.policy}; the critic is {@code url2}; any other role is the config's
 * {@code marco_forge.roles} entry.
 */
@ApplicationScoped
public class ModelEndpoints {

    private final ModelRolesConfig roles;
    private final GeneratorConfig settings;

    public ModelEndpoints(ModelRolesConfig roles, GeneratorConfig settings) {
        this.roles = roles;
        this.settings = settings;
    }

    public ModelEndpoint policy(SearchConfig config) {
        ModelRolesConfig.Role role = roles.policy();
        int slots = settings.maxInFlightPolicyRequests();
        if (config.url1() == null || config.url1().equals(role.baseUrl())) {
            return new ModelEndpoint(ModelRole.POLICY, role.baseUrl(), role.model(), role.apiKey(), role.timeout(),
                    slots);
        }
        // The service's key belongs to the configured server; a job's own URL must not receive it.
        return new ModelEndpoint(ModelRole.POLICY, config.url1(), role.model(), Optional.empty(), role.timeout(),
                slots);
    }

    /**
     * The endpoint of {@code role} for a call the generator makes itself.
     *
     * @throws ModelCallException when the role has no endpoint here (the critic without {@code url2})
     */
    public ModelEndpoint forRole(SearchConfig config, String role) {
        if (ModelRole.POLICY.equals(role)) {
            return policy(config);
        }
        var timeout = roles.policy().timeout();
        if (ModelRole.CRITIC.equals(role)) {
            if (config.url2() == null) {
                throw new ModelCallException("an action that is not special_model names the critic role, so the"
                        + " generator calls the critic model itself, but the config has no url2 (critic-service's own"
                        + " endpoint serves special_model actions only)");
            }
            return new ModelEndpoint(ModelRole.CRITIC, config.url2(), roles.criticModel(), Optional.empty(),
                    timeout, settings.maxInFlightPolicyRequests());
        }
        RoleSpec spec = config.forge().roles().get(role);
        if (spec == null) {
            throw new ModelCallException("the config names model role '" + role + "' but defines no such role");
        }
        return new ModelEndpoint(role, spec.url(), spec.model() == null ? role : spec.model(), Optional.empty(),
                timeout, spec.maxInFlight() == null ? settings.maxInFlightPolicyRequests() : spec.maxInFlight());
    }

    /**
     * Where critic-service should send a {@code special_model} action's request: null for the critic role with no
     * {@code url2} (critic-service's own endpoint), else the role's URL and model name.
     */
    public CriticTarget criticTarget(SearchConfig config, String role) {
        if (ModelRole.CRITIC.equals(role)) {
            return new CriticTarget(config.url2(), null);
        }
        ModelEndpoint endpoint = forRole(config, role);
        return new CriticTarget(endpoint.url(), endpoint.model());
    }

    /** A critic request's endpoint and model overrides; null keeps critic-service's configured ones. */
    public record CriticTarget(String endpoint, String model) {
    }
}
