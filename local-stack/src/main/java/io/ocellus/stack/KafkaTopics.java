package io.ocellus.stack;

import io.ocellus.schema.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every Ocellus topic ({@link Topics#ALL}) with 3 partitions and one replica; existing ones are kept. */
public final class KafkaTopics {

    static final int PARTITIONS = 3;
    static final short REPLICATION = 1;

    private KafkaTopics() {
    }

    /** Returns the topics this call created (the others already existed). */
    public static List<String> ensure(String bootstrap, List<String> topics, Map<String, Object> security) {
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(KafkaReadiness.adminConfig(bootstrap, security))) {
            List<NewTopic> requested = topics.stream().map(t -> new NewTopic(t, PARTITIONS, REPLICATION)).toList();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(requested).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StackException(StackComponents.KAFKA, "cannot create topic " + result.getKey()
                                + ": " + ReadinessProbe.describe(e));
                    }
                } catch (TimeoutException e) {
                    throw new StackException(StackComponents.KAFKA, "creating topic " + result.getKey() + " timed out");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackComponents.KAFKA, "interrupted while creating topics");
        }
        return created;
    }
}
