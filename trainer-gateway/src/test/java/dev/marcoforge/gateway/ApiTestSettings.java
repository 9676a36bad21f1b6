package dev.marcoforge.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The shared gateway test settings plus what the /v1 tests need: keys required, an admin secret, a random HTTP
 * port (external clients such as Node connect to it) and a third model whose reasoning is split the Marco way.
 */
public class ApiTestSettings extends GatewayTestSettings {

    static final String ADMIN_SECRET = "test-admin-secret";
    static final String REASONER = "marco-reasoner";

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(super.start());
        settings.put("marco.gateway.models", "marco-sandbox,marco-o1-test," + REASONER);
        settings.put("marco.gateway.require-api-keys", "true");
        settings.put("marco.gateway.admin-secret", ADMIN_SECRET);
        settings.put("marco.gateway.reasoning-parsers.marco-sandbox", "none");
        settings.put("marco.gateway.reasoning-parsers." + REASONER, "marco");
        settings.put("quarkus.http.test-port", "0");
        return settings;
    }
}
