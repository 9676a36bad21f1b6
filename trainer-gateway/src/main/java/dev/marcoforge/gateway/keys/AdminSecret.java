package dev.marcoforge.gateway.keys;

import dev.marcoforge.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** The admin API's secret, from {@code marco.gateway.admin-secret} or the file {@code admin-secret-file} names. */
@ApplicationScoped
public class AdminSecret {

    private final Optional<String> secret;

    public AdminSecret(GatewayConfig config) {
        Optional<String> value = config.adminSecret().map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty() && config.adminSecretFile().isPresent()) {
            try {
                value = Optional.of(Files.readString(config.adminSecretFile().get()).strip()).filter(s -> !s.isEmpty());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read marco.gateway.admin-secret-file "
                        + config.adminSecretFile().get(), e);
            }
        }
        this.secret = value;
    }

    public boolean configured() {
        return secret.isPresent();
    }

    public boolean matches(String presented) {
        return secret.isPresent() && KeySecrets.sameSecret(presented, secret.get());
    }
}
