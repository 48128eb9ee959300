package io.ocellus.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.schema.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {
            "Prints the records of a topic, one JSON value per line on stdout; key, partition and offset go to "
                    + "stderr (or, with --with-key, into a wrapper object on stdout).",
            "Reads every partition directly (no consumer group, nothing committed). Stops after --max records, "
                    + "or when --timeout seconds pass without a new record.",
            "Exit status: 0, or 1 when --max was given and fewer records arrived before the timeout."})
public final class EventsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    @Mixin
    StackOptions stackOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic (default ${DEFAULT-VALUE}).")
    String topic = Topics.IMAGES_INGESTED;

    @Option(names = "--from-beginning", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start at the oldest record (default); --no-from-beginning waits for new ones only.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Integer max;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Stop when no record arrives for this long (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap address (default: Kafka of the running stack, from stack.json).")
    String bootstrap;

    @Option(names = "--with-key", description = "Print {\"topic\",\"partition\",\"offset\",\"timestamp\",\"key\",\"value\"} objects.")
    boolean withKey;

    @Override
    public Integer call() {
        if (max != null && max < 1 || timeoutSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max must be at least 1 and --timeout greater than 0");
        }
        String servers = bootstrap != null ? bootstrap : bootstrapFromStack(stackOptions.layout());
        Duration idleTimeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(servers,
                KafkaCredentials.adminClientConfig(stackOptions.layout())))) {
            List<TopicPartition> partitions = partitions(consumer, servers, idleTimeout);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix the end now, before new records arrive
            }
            long idleSince = System.nanoTime();
            reading:
            while (System.nanoTime() - idleSince <= idleTimeout.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    print(System.out, System.err, record);
                    read++;
                    idleSince = System.nanoTime();
                    if (max != null && read >= max) {
                        break reading;
                    }
                }
            }
        }
        System.out.flush();
        if (max != null && read < max) {
            System.err.printf("ocellus events: read %d of %d record(s) from %s before %s s passed without one%n",
                    read, max, topic, timeoutSeconds);
            return 1;
        }
        return 0;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String servers, Duration timeout) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout.isZero() ? Duration.ofSeconds(1) : timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new StackException("events", "Kafka at " + servers + " did not answer within "
                    + timeout.toSeconds() + " s");
        }
        if (infos == null || infos.isEmpty()) {
            throw new StackException("events", "topic " + topic + " does not exist on " + servers);
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** A group-less consumer's settings, logged in as the stack's administrator when the stack has users. */
    public static Map<String, Object> consumerConfig(String servers, Map<String, Object> security) {
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig(servers));
        config.putAll(security);
        return config;
    }

    static Map<String, Object> consumerConfig(String servers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.CLIENT_ID_CONFIG, "ocellus-events",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    public static String bootstrapFromStack(StackLayout layout) {
        return StackState.read(layout)
                .flatMap(s -> s.component(StackComponents.KAFKA))
                .map(StackState.Component::url)
                .orElseThrow(() -> new StackException("events", "no running stack in "
                        + layout.display(layout.stateDir()) + " (./ocellus up), or pass --bootstrap HOST:PORT"));
    }

    void print(PrintStream out, PrintStream err, ConsumerRecord<byte[], byte[]> record) {
        JsonNode value = valueAsJson(record.value());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (withKey) {
            ObjectNode wrapper = JSON.createObjectNode()
                    .put("topic", record.topic())
                    .put("partition", record.partition())
                    .put("offset", record.offset())
                    .put("timestamp", record.timestamp())
                    .put("key", key);
            wrapper.set("value", value);
            out.println(wrapper);
        } else {
            err.println("# " + record.topic() + " partition=" + record.partition() + " offset=" + record.offset()
                    + " key=" + key);
            out.println(value);
        }
        out.flush();
    }

    /** JSON values are printed compact (one line); anything else as a JSON string, so every line stays JSON. */
    static JsonNode valueAsJson(byte[] value) {
        if (value == null) {
            return JSON.nullNode();
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node == null || node.isMissingNode() ? JSON.getNodeFactory().textNode("") : node;
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
        }
    }
}
