package io.ocellus.stack.imports;

import io.ocellus.stack.StackException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Debian package whose files an import reads (the data sets Debian ships). Installs it when missing, as root;
 * otherwise prints the exact command to run, so nothing is half-done behind the user's back.
 */
final class DebianPackage {

    private final String name;
    private final PrintStream stderr;

    DebianPackage(String name, PrintStream stderr) {
        this.name = name;
        this.stderr = stderr;
    }

    String installCommand() {
        return "apt-get install -y --no-install-recommends " + name;
    }

    /** The package's installed files (dpkg -L); installs the package first when it is missing. */
    List<Path> files() throws IOException, InterruptedException {
        ExternalCommand.Result listed = ExternalCommand.capture(null, List.of("dpkg", "-L", name));
        if (listed.ok()) {
            return paths(listed.output());
        }
        if (listed.exit() == 127) {
            throw new StackException("import", "dpkg is not available on this machine, so the Debian package "
                    + name + " cannot be found; pass the folder that holds its files instead");
        }
        install();
        listed = ExternalCommand.capture(null, List.of("dpkg", "-L", name));
        if (!listed.ok()) {
            throw new StackException("import", "the package " + name + " is still not installed after apt-get");
        }
        return paths(listed.output());
    }

    private void install() throws IOException, InterruptedException {
        if (!ExternalCommand.runningAsRoot()) {
            throw new StackException("import", "the Debian package " + name + " is not installed, and installing "
                    + "it needs root. Run:\n  sudo " + installCommand() + "\nthen run this command again");
        }
        stderr.println("ocellus: the Debian package " + name + " is not installed; installing it");
        List<String> install = List.of("apt-get", "install", "-y", "--no-install-recommends", name);
        if (ExternalCommand.showOnStderr(null, install, stderr) == 0) {
            return;
        }
        // A fresh machine has no package lists yet ("Unable to locate package"): fetch them once and retry.
        if (ExternalCommand.showOnStderr(null, List.of("apt-get", "update"), stderr) != 0
                || ExternalCommand.showOnStderr(null, install, stderr) != 0) {
            throw new StackException("import", "could not install " + name + " (see apt-get's output above); "
                    + "install it with `" + installCommand() + "` and run this command again");
        }
    }

    private static List<Path> paths(String dpkgOutput) {
        return dpkgOutput.lines().map(String::trim).filter(l -> l.startsWith("/")).map(Path::of)
                .filter(Files::isRegularFile).toList();
    }
}
