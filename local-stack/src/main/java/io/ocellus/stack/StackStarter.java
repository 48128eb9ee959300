package io.ocellus.stack;

import io.ocellus.schema.Topics;
import io.ocellus.stack.token.JwtKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the components of a plan that are not running yet, in two waves: Kafka, S3 and Prometheus together
 * (then the topics), then the five services together, waiting for each wave to be ready.
 */
public final class StackStarter {

    private final StackLayout layout;
    private final Progress progress;
    private final ProcessLauncher launcher;
    private final ReadinessWaiter waiter;
    private final StartedProcesses started;

    public StackStarter(StackLayout layout, Progress progress, StartedProcesses started) {
        this.layout = layout;
        this.progress = progress;
        this.launcher = new ProcessLauncher(layout);
        this.waiter = new ReadinessWaiter(progress);
        this.started = started;
    }

    /**
     * @param plan ports of every component
     * @param keep components already running (not started again)
     * @param prometheus the prometheus binary when it is part of the plan
     * @param jwtKeys the stack's JWT key pair; services get its verify key
     * @return the stack.json entries, in start order
     */
    public StackState start(StackPlan plan, Map<String, StackState.Component> keep, Path prometheus,
            S3Credentials credentials, JwtKeys jwtKeys) {
        List<String> toStart = plan.components().stream().filter(c -> !keep.containsKey(c)).toList();
        KafkaCredentials kafkaUsers = kafkaCredentials();
        KafkaServer kafka = new KafkaServer(layout, plan.ports().getOrDefault(StackComponents.KAFKA, 0),
                plan.kafkaControllerPort(), kafkaUsers);
        S3Server s3 = new S3Server(layout, plan.ports().getOrDefault(StackComponents.S3, 0), credentials);

        List<ReadinessWaiter.Pending> infrastructure = new ArrayList<>();
        if (toStart.contains(StackComponents.KAFKA)) {
            kafka.writeConfig();
            if (!kafka.isFormatted()) {
                progress.component(StackComponents.KAFKA, "formatting storage in " + layout.display(layout.kafkaDataDir()));
                kafka.format();
            }
            infrastructure.add(launch(kafka.launchSpec()));
        }
        if (toStart.contains(StackComponents.S3)) {
            s3.writeConfig();
            infrastructure.add(launch(s3.launchSpec()));
        }
        if (plan.components().contains(StackComponents.PROMETHEUS)) {
            PrometheusServer server = new PrometheusServer(layout, prometheus,
                    plan.port(StackComponents.PROMETHEUS), servicePorts(plan));
            boolean changed = server.writeConfig();
            if (toStart.contains(StackComponents.PROMETHEUS)) {
                infrastructure.add(launch(server.launchSpec()));
            } else if (changed) {
                server.reload(); // the running one scrapes the new set of services
                progress.component(StackComponents.PROMETHEUS, "reloaded " + layout.display(server.configFile()));
            }
        }
        waiter.awaitAll(infrastructure);
        if (plan.components().contains(StackComponents.KAFKA)) {
            Map<String, Object> admin = kafkaUsers.clientConfig(KafkaCredentials.ADMIN);
            List<String> created = KafkaTopics.ensure(kafka.bootstrap(), Topics.ALL, admin);
            int acls = KafkaAcls.grant(kafka.bootstrap(), admin);
            progress.component(StackComponents.KAFKA, Topics.ALL.size() + " topics ready ("
                    + created.size() + " created, 3 partitions each); " + acls + " ACLs, one user per service");
        }

        List<ReadinessWaiter.Pending> services = new ArrayList<>();
        for (String service : toStart) {
            if (StackComponents.isService(service)) {
                ServiceProcess process = new ServiceProcess(layout, service, plan.port(service));
                services.add(launch(process.launchSpec(kafka.bootstrap(), kafkaUsers, s3.endpoint(), credentials,
                        jwtKeys.verifyKey(), serviceProperties(service, plan))));
            }
        }
        waiter.awaitAll(services);
        return state(plan, keep, credentials);
    }

    /**
     * The broker's users, created with its storage. A storage formatted before the broker asked clients to
     * authenticate has none, and nobody could use it: say how to start it afresh.
     */
    private KafkaCredentials kafkaCredentials() {
        boolean formatted = java.nio.file.Files.isRegularFile(layout.kafkaDataDir().resolve("meta.properties"));
        if (formatted && KafkaCredentials.load(layout).isEmpty()) {
            throw new StackException(StackComponents.KAFKA, "the Kafka data in "
                    + layout.display(layout.kafkaDataDir()) + " was made before the broker required clients to "
                    + "authenticate; remove that directory (its events go; images and models stay in the store) "
                    + "and run ./ocellus up again");
        }
        return KafkaCredentials.loadOrCreate(layout);
    }

    private ReadinessWaiter.Pending launch(LaunchSpec spec) {
        Process process = launcher.start(spec);
        started.add(spec, process);
        Path log = layout.logFile(spec.name());
        progress.component(spec.name(), "starting on " + spec.url() + " (pid " + process.pid() + ", log "
                + layout.display(log) + ")");
        return new ReadinessWaiter.Pending(spec, process, log);
    }

    /** Settings one service has about the others it calls, for those the plan runs. */
    private static Map<String, String> serviceProperties(String service, StackPlan plan) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (ServiceSettings.Setting setting : ServiceSettings.of(service)) {
            if (setting.peer() != null && plan.components().contains(setting.peer())) {
                settings.put(setting.property(), "http://127.0.0.1:" + plan.port(setting.peer()));
            }
        }
        return settings;
    }

    private static Map<String, Integer> servicePorts(StackPlan plan) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        plan.components().stream().filter(StackComponents::isService).forEach(s -> ports.put(s, plan.port(s)));
        return ports;
    }

    private StackState state(StackPlan plan, Map<String, StackState.Component> keep, S3Credentials credentials) {
        List<StackState.Component> components = new ArrayList<>();
        for (String name : plan.components()) {
            if (keep.containsKey(name)) {
                components.add(keep.get(name));
                continue;
            }
            int port = plan.port(name);
            Process process = started.process(name);
            String url = StackComponents.KAFKA.equals(name) ? "127.0.0.1:" + port : "http://127.0.0.1:" + port;
            StackState.Component entry = StackState.Component.of(name, url, port, process.pid(), layout.logFile(name));
            if (StackComponents.KAFKA.equals(name)) {
                entry = entry.withControllerPort(plan.kafkaControllerPort());
            } else if (StackComponents.S3.equals(name)) {
                entry = entry.withAccessKey(credentials.accessKey());
            } else if (StackComponents.isService(name)) {
                entry = entry.withServiceUrls();
            }
            components.add(entry);
        }
        return new StackState(components);
    }

}
