package dev.marcoforge.launcher.command;

import dev.marcoforge.launcher.platform.Platform;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "down", description = "Stop every process of the platform by its PID.")
public class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        var stopped = Platform.fromEnvironment().down();
        System.out.println(stopped.isEmpty() ? "nothing was running" : "stopped: " + String.join(", ", stopped));
        return 0;
    }
}
