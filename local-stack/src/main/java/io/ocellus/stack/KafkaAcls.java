package io.ocellus.stack;

import io.ocellus.schema.ConsumerGroups;
import io.ocellus.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What each service's Kafka user may do, and nothing more: read the topics it consumes in its own consumer group,
 * write the topics it announces on and the dead-letter topic, and, for a service that publishes its results
 * exactly once, run transactions under ids that begin with its group's name. Granting is idempotent, so every ./ocellus up
 * grants the whole table again.
 */
public final class KafkaAcls {

    /** One service's rights; {@code transactional} when it publishes results in transactions. */
    record Rights(String user, List<String> reads, String group, List<String> writes, boolean transactional) {
        Rights(String user, List<String> reads, String group, List<String> writes) {
            this(user, reads, group, writes, false);
        }
    }

    static final List<Rights> TABLE = List.of(
            new Rights("ingest-service", List.of(), null, List.of(Topics.IMAGES_INGESTED)),
            new Rights("trainer-service", List.of(Topics.TRAINING_REQUESTED, Topics.TRAINING_CANCELS),
                    ConsumerGroups.TRAINER, List.of(Topics.TRAINING_REQUESTED, Topics.TRAINING_PROGRESS,
                    Topics.MODELS_PUBLISHED, Topics.MODELS_PROMOTED, Topics.DEAD_LETTERS)),
            // a model server reads back its own recent results when it starts, to answer each image once
            new Rights("inference-service", List.of(Topics.IMAGES_INGESTED, Topics.MODELS_PUBLISHED,
                    Topics.MODELS_PROMOTED, Topics.CLASSIFICATIONS), ConsumerGroups.INFERENCE,
                    List.of(Topics.CLASSIFICATIONS, Topics.DEAD_LETTERS), true),
            new Rights("detector-service", List.of(Topics.IMAGES_INGESTED, Topics.MODELS_PUBLISHED,
                    Topics.MODELS_PROMOTED, Topics.DETECTIONS), ConsumerGroups.DETECTOR,
                    List.of(Topics.DETECTIONS, Topics.DEAD_LETTERS), true),
            // monitor-service watches everything and reports every group's lag
            new Rights("monitor-service", Topics.ALL, ConsumerGroups.MONITOR, List.of(Topics.DEAD_LETTERS)));

    private KafkaAcls() {
    }

    /** Every binding of the table. */
    static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (Rights rights : TABLE) {
            String principal = "User:" + rights.user();
            for (String topic : rights.reads()) {
                bindings.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.READ));
                bindings.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
            }
            for (String topic : rights.writes()) {
                bindings.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.WRITE));
                bindings.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
            }
            if (rights.group() != null) {
                bindings.add(allow(principal, ResourceType.GROUP, rights.group(), AclOperation.READ));
            }
            if (rights.transactional()) {
                for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
                    bindings.add(new AclBinding(new ResourcePattern(ResourceType.TRANSACTIONAL_ID,
                            rights.group() + "-", PatternType.PREFIXED),
                            new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
                }
            }
        }
        for (String group : ConsumerGroups.ALL) {
            bindings.add(allow("User:monitor-service", ResourceType.GROUP, group, AclOperation.DESCRIBE));
        }
        return bindings;
    }

    /** Grants the table on the broker as its administrator; returns how many bindings it holds. */
    public static int grant(String bootstrap, Map<String, Object> adminSecurity) {
        List<AclBinding> bindings = bindings();
        try (Admin admin = Admin.create(KafkaReadiness.adminConfig(bootstrap, adminSecurity))) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackComponents.KAFKA, "interrupted while granting ACLs");
        } catch (Exception e) {
            throw new StackException(StackComponents.KAFKA, "cannot grant the services' ACLs: "
                    + ReadinessProbe.describe(e));
        }
        return bindings.size();
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
