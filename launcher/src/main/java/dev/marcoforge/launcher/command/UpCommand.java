package dev.marcoforge.launcher.command;

import dev.marcoforge.launcher.platform.Platform;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "up", description = "Start Kafka, prepare PostgreSQL, start sandbox-llm and every service, print the URLs.")
public class UpCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Platform platform = Platform.fromEnvironment();
        platform.up(System.out);
        platform.printUrls(System.out);
        return 0;
    }
}
