package io.ocellus.stack;

import io.ocellus.stack.imports.ImportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./ocellus}: the local stack of Ocellus (Kafka, S3, Prometheus and the five services) without Docker. */
@Command(name = "ocellus", mixinStandardHelpOptions = true, version = "ocellus local stack 0.1.0",
        description = "Runs the Ocellus stack on this machine as plain processes bound to 127.0.0.1.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, EventsCommand.class,
                TokenCommand.class, ImportCommand.class, io.ocellus.stack.train.TrainCommand.class,
                io.ocellus.stack.detect.EvaluateDetectorCommand.class, io.ocellus.stack.dlq.DlqCommand.class,
                io.ocellus.stack.orient.OrientCommand.class, io.ocellus.stack.demo.DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class OcellusCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new OcellusCli()).setExecutionExceptionHandler(OcellusCli::handle);
    }

    /** Without a subcommand: the usage, and the usage-error exit status. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }

    /** A stack failure is a message, not a stack trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof StackException stack) {
            cmd.getErr().println("ocellus: " + stack.component() + ": " + stack.getMessage());
            return 1;
        }
        throw e;
    }
}
