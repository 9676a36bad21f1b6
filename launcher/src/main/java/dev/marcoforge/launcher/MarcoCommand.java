package dev.marcoforge.launcher;

import dev.marcoforge.launcher.command.DemoCommand;
import dev.marcoforge.launcher.command.DownCommand;
import dev.marcoforge.launcher.command.GenerateCommand;
import dev.marcoforge.launcher.command.KeysCommand;
import dev.marcoforge.launcher.command.LogsCommand;
import dev.marcoforge.launcher.command.StatusCommand;
import dev.marcoforge.launcher.command.UpCommand;
import dev.marcoforge.launcher.command.TrainCommand;
import dev.marcoforge.launcher.command.EvalCommand;
import dev.marcoforge.launcher.command.ExperimentCommand;
import dev.marcoforge.launcher.platform.StartFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./marco}: runs the local Marco Forge platform and its main job. */
@Command(name = "marco", mixinStandardHelpOptions = true, version = "Marco Forge 0.1.0",
        description = "Runs the Marco Forge platform locally: Kafka, PostgreSQL databases, the services and the"
                + " sandbox-llm simulator, and submits MCTS data generation jobs.",
        subcommands = { UpCommand.class, DemoCommand.class, GenerateCommand.class, StatusCommand.class,
                LogsCommand.class, DownCommand.class, KeysCommand.class, TrainCommand.class, EvalCommand.class, ExperimentCommand.class, CommandLine.HelpCommand.class },
        footer = { "", "Also: ./marco test  runs the test suite (mvn verify) after starting PostgreSQL if needed." })
public class MarcoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        var commandLine = new CommandLine(new MarcoCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StartFailure failure) {
                System.err.println("marco: " + failure.getMessage());
                System.err.println("last lines of " + failure.component() + "'s log:");
                failure.logTail().forEach(line -> System.err.println("  | " + line));
                System.err.println("(./marco logs " + failure.component() + " shows more; ./marco down stops"
                        + " what did start)");
            } else {
                System.err.println("marco: " + e.getMessage());
            }
            return 1;
        });
        System.exit(commandLine.execute(args));
    }
}
