package io.ocellus.stack.dlq;

import io.ocellus.schema.events.DeadLetter;
import io.ocellus.stack.StackException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Sends the original record of each chosen dead letter back to its original topic, with its original key "
                    + "and a header naming the letter, so its consumers try it again (after a fix, or once the cause "
                    + "has passed). A value kept in the store because it was too large is fetched from there.",
            "Choose letters with --letter PARTITION:OFFSET (as `ocellus dlq` lists them, repeatable), or --all with "
                    + "the filters."})
public final class DlqReplayCommand implements Callable<Integer> {

    static final String REPLAYED_FROM = "ocellus-replayed-from";

    @Mixin
    DlqConnection connection;

    @Option(names = "--letter", paramLabel = "PARTITION:OFFSET", description = "A letter to replay (repeatable).")
    List<String> letters = List.of();

    @Option(names = "--all", description = "Every letter that the filters match.")
    boolean all;

    @ArgGroup(exclusive = false)
    LetterFilter filter = new LetterFilter();

    @Option(names = "--dry-run", description = "Say what would be replayed, and send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (letters.isEmpty() == !all) {
            throw new StackException("dlq replay", "name letters with --letter PARTITION:OFFSET, or use --all");
        }
        String servers = connection.servers();
        Duration timeout = connection.timeout();
        Map<String, Object> security = connection.security();
        DeadLetters.Read read = DeadLetters.read(servers, security, timeout);
        Set<String> wanted = new LinkedHashSet<>(letters);
        List<DeadLetters.Stored> chosen = read.letters().stream()
                .filter(s -> all ? filter.matches(s.letter()) : wanted.contains(s.position())).toList();
        if (!all) {
            Set<String> found = new LinkedHashSet<>(chosen.stream().map(DeadLetters.Stored::position).toList());
            wanted.removeAll(found);
            if (!wanted.isEmpty()) {
                throw new StackException("dlq replay", "no dead letter at " + String.join(", ", wanted)
                        + " (see `ocellus dlq` for the letters and their PARTITION:OFFSET)");
            }
        }
        if (dryRun) {
            chosen.forEach(s -> System.out.printf("would replay %s to %s (key %s)%n", s.position(),
                    s.letter().originalTopic(), s.letter().key()));
            return 0;
        }
        StoredPayloads payloads = new StoredPayloads(connection.layout());
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.CLIENT_ID_CONFIG, "ocellus-dlq-replay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (DeadLetters.Stored stored : chosen) {
                DeadLetter letter = stored.letter();
                byte[] value = letter.payloadStored() ? payloads.fetch(letter.payloadKey()) : letter.payload();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(letter.originalTopic(), letter.key(),
                        value);
                record.headers().add(REPLAYED_FROM, ("dlq@" + stored.position()).getBytes(StandardCharsets.UTF_8));
                RecordMetadata sent = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                System.out.printf("replayed %s to %s-%d@%d (key %s, %d bytes)%n", stored.position(), sent.topic(),
                        sent.partition(), sent.offset(), letter.key(), value.length);
            }
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException("dlq replay", "Kafka at " + servers + " did not take the record: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        System.out.printf("%d letter(s) replayed%n", chosen.size());
        return 0;
    }
}
