package dev.marcoforge.launcher.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret of the gateway's key admin API for the local platform: random, made once per run folder, in a file
 * only its owner reads. The gateway reads the file (so the secret is on no command line); {@code ./marco keys}
 * and {@code ./marco demo} read it to manage keys. {@code MARCO_GATEWAY_ADMIN_SECRET} overrides it for a gateway
 * run elsewhere.
 */
public final class GatewayAdminSecret {

    public static final String ENV = "MARCO_GATEWAY_ADMIN_SECRET";

    private GatewayAdminSecret() {
    }

    public static String ensure(Layout layout) {
        Path file = layout.gatewayAdminSecret();
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = HexFormat.of().formatHex(bytes);
            Files.writeString(file, secret + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions keeps its defaults
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the gateway admin secret " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** The secret to call the admin API with: the environment's, else the run folder's. */
    public static String read(Layout layout) {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        Path file = layout.gatewayAdminSecret();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no gateway admin secret at " + file + "; start the platform with"
                    + " ./marco up, or set " + ENV);
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
