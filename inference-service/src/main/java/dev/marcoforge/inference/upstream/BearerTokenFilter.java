package dev.marcoforge.inference.upstream;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds {@code Authorization: Bearer <key>} to every call of one upstream's client. */
final class BearerTokenFilter implements ClientRequestFilter {

    private final String token;

    BearerTokenFilter(String token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext context) {
        context.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }
}
