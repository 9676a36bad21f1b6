import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Open-loop load on sandbox-llm directly and through the gateway (HTTP -> Kafka -> inference-service -> sandbox-llm
 * -> Kafka -> HTTP) with the same body, at fixed request rates; prints p50/p99 of each and the difference, which is
 * what the gateway and Kafka add. For streams, the time to the first token (first event with text).
 * Usage: java GatewayLoad.java <sandboxBaseUrl> <gatewayBaseUrl> <apiKey> <seconds per run> <rates...>
 */
public class GatewayLoad {

    static final String BODY = "{\"model\": \"%s\", \"max_tokens\": 16, %s\"messages\": [{\"role\": \"user\","
            + " \"content\": \"How many r are there in strawberry?\"}]}";

    record Target(String name, String url, String model, String key) {
    }

    public static void main(String[] args) throws Exception {
        String sandbox = args[0];
        String gateway = args[1];
        String key = args[2];
        int seconds = Integer.parseInt(args[3]);
        List<Integer> rates = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        Target direct = new Target("sandbox-llm directly", sandbox + "/chat/completions", "sandbox-policy", null);
        Target viaGateway = new Target("gateway + Kafka", gateway + "/chat/completions", "marco-sandbox", key);

        // The JIT of five JVMs sharing two cores takes minutes to settle: the figures are of the steady state.
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("WARM_UP_SECONDS", "180"));
        System.out.printf("warming up (JIT, connections, Kafka): %d s at %d req/s ...%n", warmUp, rates.get(
                rates.size() - 1));
        run(direct, rates.get(rates.size() - 1), Math.max(1, warmUp / 4), false);
        run(viaGateway, rates.get(rates.size() - 1), Math.max(1, warmUp), false);
        run(viaGateway, 20, 5, true);

        System.out.printf("%n%-24s %6s %8s %9s %9s %9s %7s%n", "non-stream", "req/s", "sent", "p50 ms", "p99 ms",
                "max ms", "errors");
        List<String> added = new ArrayList<>();
        for (int rate : rates) {
            Result d = run(direct, rate, seconds, false);
            Result g = run(viaGateway, rate, seconds, false);
            print(direct.name(), rate, d);
            print(viaGateway.name(), rate, g);
            added.add(String.format("%-24s %6d %9s %9.2f %9.2f", "added by gateway+Kafka", rate, "",
                    g.p(50) - d.p(50), g.p(99) - d.p(99)));
        }
        System.out.printf("%n%-24s %6s %9s %9s %9s%n", "", "req/s", "", "p50 ms", "p99 ms");
        added.forEach(System.out::println);

        System.out.printf("%n%-24s %6s %8s %9s %9s %9s %7s%n", "stream: time to 1st token", "req/s", "sent",
                "p50 ms", "p99 ms", "max ms", "errors");
        int streamRate = 20;
        Result ds = run(direct, streamRate, seconds, true);
        Result gs = run(viaGateway, streamRate, seconds, true);
        print(direct.name(), streamRate, ds);
        print(viaGateway.name(), streamRate, gs);
        System.out.printf("%-24s %6d %8s %9.2f %9.2f%n", "added by gateway+Kafka", streamRate, "",
                gs.p(50) - ds.p(50), gs.p(99) - ds.p(99));
        System.exit(0);
    }

    static void print(String name, int rate, Result r) {
        System.out.printf("%-24s %6d %8d %9.2f %9.2f %9.2f %7d%n", name, rate, r.sent, r.p(50), r.p(99), r.max(),
                r.errors);
    }

    record Result(List<Double> millis, int sent, int errors) {
        double p(double percentile) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * millis.size()) - 1;
            return millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
        }

        double max() {
            return millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1);
        }
    }

    /** Sends at a fixed rate whatever the answers do (open loop), so slow answers do not hide queueing. */
    static Result run(Target target, int rate, int seconds, boolean stream) throws Exception {
        String body = String.format(BODY, target.model(), stream ? "\"stream\": true, " : "");
        return new OpenLoop(target, body, stream, rate, seconds).run();
    }

    /**
     * The open-loop load, on one thread with non-blocking sockets and keep-alive connections:
     * on a 2-core machine the load generator must not take the CPU of what it measures (java.net.http spends
     * several ms of CPU per request, more than the services under test). Each request is timed from the moment
     * it was due, so a late send counts against the target, never hides its queueing. A connection serves one
     * request at a time; more are opened when all are busy.
     */
    static final class OpenLoop {
        private final java.net.InetSocketAddress address;
        private final byte[] request;
        private final boolean stream;
        private final int rate;
        private final int seconds;
        private final List<Double> latencies = new ArrayList<>();
        private final java.util.ArrayDeque<Connection> idle = new java.util.ArrayDeque<>();
        private int errors;
        private int answered;

        OpenLoop(Target target, String body, boolean stream, int rate, int seconds) {
            this.stream = stream;
            URI uri = URI.create(target.url());
            this.address = new java.net.InetSocketAddress(uri.getHost(), uri.getPort());
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
                    + (target.key() == null ? "" : "\r\nAuthorization: Bearer " + target.key()) + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            this.request = new byte[headBytes.length + content.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(content, 0, request, headBytes.length, content.length);
            this.rate = rate;
            this.seconds = seconds;
        }

        Result run() throws Exception {
            int total = rate * seconds;
            long period = 1_000_000_000L / rate;
            try (var selector = java.nio.channels.Selector.open()) {
                long start = System.nanoTime();
                long giveUp = start + (seconds + 30L) * 1_000_000_000L;
                int sent = 0;
                while (answered + errors < total && System.nanoTime() < giveUp) {
                    long now = System.nanoTime();
                    while (sent < total && start + sent * period <= now) {
                        send(selector, start + sent * period);
                        sent++;
                    }
                    long wait = sent < total ? start + sent * period - System.nanoTime() : 100_000_000L;
                    if (wait > 0) {
                        // Millisecond resolution: a send may leave up to 1 ms late, which counts against both
                        // targets alike (latency runs from the due time); spinning would take a core.
                        selector.select(Math.max(1, (wait + 999_999L) / 1_000_000L));
                    } else {
                        selector.selectNow();
                    }
                    for (var key : selector.selectedKeys()) {
                        receive((Connection) key.attachment());
                    }
                    selector.selectedKeys().clear();
                }
                errors = total - answered;
                for (var key : selector.keys()) {
                    key.channel().close();
                }
            }
            Collections.sort(latencies);
            return new Result(latencies, total, errors);
        }

        private void send(java.nio.channels.Selector selector, long due) throws java.io.IOException {
            Connection connection = idle.poll();
            if (connection == null) {
                var channel = java.nio.channels.SocketChannel.open(address);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                connection = new Connection(channel);
                channel.register(selector, java.nio.channels.SelectionKey.OP_READ, connection);
            }
            connection.start(due);
            var out = java.nio.ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                connection.channel.write(out);
            }
        }

        private void receive(Connection connection) throws java.io.IOException {
            int status = connection.read();
            if (status == 0) {
                return;
            }
            if (status < 0) {
                connection.channel.close();
                errors++;
                return;
            }
            if (status != 200 || stream && connection.firstToken == 0) {
                errors++;
            } else {
                // A stream is timed to its first token, a plain request to its whole answer.
                latencies.add(((stream ? connection.firstToken : System.nanoTime()) - connection.due) / 1e6);
                answered++;
            }
            idle.push(connection);
        }
    }

    /** One keep-alive connection and the response it is reading (Content-Length or chunked bodies). */
    static final class Connection {
        final java.nio.channels.SocketChannel channel;
        private final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
        private final StringBuilder data = new StringBuilder();
        long due;
        /** A chunk that carries text (the first chunk carries the role and an empty content). */
        private static final java.util.regex.Pattern TEXT = java.util.regex.Pattern.compile(
                "\"(reasoning_)?content\":\"[^\"]");
        /** When the first event with text came (streams), else 0. */
        long firstToken;

        Connection(java.nio.channels.SocketChannel channel) {
            this.channel = channel;
        }

        void start(long due) {
            this.due = due;
            this.firstToken = 0;
            data.setLength(0);
        }

        /** @return the status once the whole response is in, 0 while it is not, -1 when the connection broke */
        int read() throws java.io.IOException {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                return -1;
            }
            String received = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            data.append(received);
            if (firstToken == 0 && TEXT.matcher(received).find()) {
                firstToken = System.nanoTime();
            }
            int headEnd = data.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return 0;
            }
            String head = data.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = headEnd + 4;
            int lengthAt = head.indexOf("content-length:");
            if (lengthAt >= 0) {
                int lineEnd = head.indexOf("\r\n", lengthAt);
                int length = Integer.parseInt(head.substring(lengthAt + 15, lineEnd < 0 ? head.length() : lineEnd)
                        .strip());
                return data.length() - bodyStart >= length ? status : 0;
            }
            return data.indexOf("\r\n0\r\n\r\n", bodyStart - 2) >= 0 ? status : 0;
        }
    }
}
