package dev.marcoforge.launcher.command;

import dev.marcoforge.launcher.platform.Platform;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print the end of a component's log (kafka or a service name).")
public class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COMPONENT", description = "kafka, sandbox-llm, verifier-service, critic-service,"
            + " generator-service, inference-service or trainer-gateway")
    String component;

    @Option(names = { "-n", "--lines" }, defaultValue = "200", description = "how many lines (default ${DEFAULT-VALUE})")
    int lines;

    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        if (!platform.components().contains(component)) {
            System.err.println("marco: unknown component '" + component + "'; known: " + platform.components());
            return 2;
        }
        var log = platform.layout().log(component);
        if (!Files.exists(log)) {
            System.err.println("marco: no log yet at " + log);
            return 1;
        }
        platform.supervisor().lastLogLines(component, lines).forEach(System.out::println);
        return 0;
    }
}
