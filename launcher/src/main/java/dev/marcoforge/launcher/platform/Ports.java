package dev.marcoforge.launcher.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The ports of the local platform: the defaults, each overridable by an environment variable. */
public record Ports(int gateway, int generator, int verifier, int critic, int inference, int sandbox, int kafka,
        int kafkaController, int postgres) {

    public static Ports fromEnvironment() {
        return new Ports(
                port("MARCO_GATEWAY_PORT", 8080),
                port("MARCO_GENERATOR_PORT", 8081),
                port("MARCO_VERIFIER_PORT", 8082),
                port("MARCO_CRITIC_PORT", 8083),
                port("MARCO_INFERENCE_PORT", 8084),
                port("MARCO_SANDBOX_PORT", 8090),
                port("MARCO_KAFKA_PORT", 9092),
                port("MARCO_KAFKA_CONTROLLER_PORT", 9093),
                port("MARCO_PG_PORT", 5432));
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number (1-65535), got '" + value + "'");
        }
    }

    /** True when something accepts connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when this process could bind 127.0.0.1:port now. */
    public static boolean free(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
