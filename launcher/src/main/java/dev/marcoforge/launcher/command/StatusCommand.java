package dev.marcoforge.launcher.command;

import dev.marcoforge.launcher.client.Http;
import dev.marcoforge.launcher.platform.KafkaBroker;
import dev.marcoforge.launcher.platform.Platform;
import dev.marcoforge.launcher.platform.Ports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show each component's process, port and readiness.")
public class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Platform platform = Platform.fromEnvironment();
        var supervisor = platform.supervisor();
        System.out.printf("%-18s %-9s %-6s %s%n", "COMPONENT", "PID", "PORT", "STATE");
        var kafkaPid = supervisor.running(KafkaBroker.NAME).map(p -> Long.toString(p.pid())).orElse("-");
        System.out.printf("%-18s %-9s %-6d %s%n", KafkaBroker.NAME, kafkaPid, platform.ports().kafka(),
                Ports.listening(platform.ports().kafka()) ? "listening" : "down");
        boolean allReady = !"-".equals(kafkaPid);
        for (var service : platform.services()) {
            var pid = supervisor.running(service.name()).map(p -> Long.toString(p.pid())).orElse("-");
            int health = "-".equals(pid) ? -1 : Http.status(service.url() + "/q/health/ready");
            String state = "-".equals(pid) ? "stopped" : health == 200 ? "ready" : health < 0 ? "starting" : "not ready";
            allReady &= health == 200;
            System.out.printf("%-18s %-9s %-6d %s%n", service.name(), pid, service.port(), state);
        }
        return allReady ? 0 : 3;
    }
}
