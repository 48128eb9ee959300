package io.ocellus.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start one component as a child process and how to know it is ready.
 *
 * @param name component name (log, pid file, stack.json)
 * @param url what users connect to: a bootstrap address for Kafka, an HTTP base URL otherwise
 * @param port the port it listens on
 * @param command the full command line; it carries the component's {@link ProcessSignature}
 * @param environment extra environment variables (secrets go here, not on the command line)
 * @param workingDirectory the child's working directory
 * @param probe readiness check
 * @param readyTimeout how long to wait for readiness
 */
public record LaunchSpec(String name, String url, int port, List<String> command, Map<String, String> environment,
        Path workingDirectory, ReadinessProbe probe, Duration readyTimeout) {

    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
