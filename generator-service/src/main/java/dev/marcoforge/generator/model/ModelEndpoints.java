package dev.marcoforge.generator.model;

import dev.marcoforge.generator.config.ModelRole;
import dev.marcoforge.generator.config.ModelRolesConfig;
import dev.marcoforge.generator.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Resolves a job's model endpoints: the config's (already job-overridden) URLs win over the service's roles. */
@ApplicationScoped
public class ModelEndpoints {

    private final ModelRolesConfig roles;

    public ModelEndpoints(ModelRolesConfig roles) {
        this.roles = roles;
    }

    public ModelEndpoint policy(SearchConfig config) {
        ModelRolesConfig.Role role = roles.policy();
        if (config.url1() == null || config.url1().equals(role.baseUrl())) {
            return new ModelEndpoint(ModelRole.POLICY, role.baseUrl(), role.model(), role.apiKey(), role.timeout());
        }
        // The service's key belongs to the configured server; a job's own URL must not receive it.
        return new ModelEndpoint(ModelRole.POLICY, config.url1(), role.model(), Optional.empty(), role.timeout());
    }

    /** The critic endpoint to put in a CriticRequest; null leaves critic-service on its own configuration. */
    public String criticOverride(SearchConfig config) {
        return config.url2();
    }
}
