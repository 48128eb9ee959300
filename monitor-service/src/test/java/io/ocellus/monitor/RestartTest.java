package io.ocellus.monitor;

import io.ocellus.commons.messaging.Channels;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.teststack.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A monitor that starts after a job has run shows the job as one that watched it would: its history is rebuilt
 * from the topics. Its live consumers here join a new group at the end of the topics, so only the rebuild can know
 * of the job, as after a restart whose consumers resume from committed offsets.
 */
@QuarkusTest
@TestProfile(RestartTest.StartedAfterTheJob.class)
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class RestartTest {

    // the same in every class loader of this JVM; unique enough, as each test JVM starts its own broker
    static final String JOB = "job-before-monitor-start";

    /** A fresh consumer group that starts at the end of every topic, and the job published before the boot. */
    public static class StartedAfterTheJob implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            for (String channel : List.of(Channels.MONITOR_TRAINING_REQUESTED, Channels.MONITOR_TRAINING_PROGRESS,
                    Channels.MONITOR_TRAINING_CANCELS, Channels.MONITOR_MODELS_PUBLISHED,
                    Channels.MONITOR_MODELS_PROMOTED, Channels.MONITOR_CLASSIFICATIONS, Channels.MONITOR_DETECTIONS,
                    Channels.MONITOR_IMAGES_INGESTED, Channels.MONITOR_DEAD_LETTERS)) {
                overrides.put("mp.messaging.incoming." + channel + ".group.id", "monitor-restart-" + JOB);
                overrides.put("mp.messaging.incoming." + channel + ".auto.offset.reset", "latest");
            }
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JobBeforeStart.class));
        }
    }

    /** Publishes a whole 3-epoch job before the monitor boots. */
    public static class JobBeforeStart implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Instant start = Instant.now();
            MonitorEvents.send(Topics.TRAINING_REQUESTED, JOB, MonitorEvents.request(JOB, start));
            for (int epoch = 1; epoch <= 3; epoch++) {
                MonitorEvents.send(Topics.TRAINING_PROGRESS, JOB, MonitorEvents.epoch(JOB, epoch,
                        start.plusSeconds(epoch)));
            }
            MonitorEvents.send(Topics.TRAINING_PROGRESS, JOB,
                    TrainingProgress.status(JOB, TrainingStatus.COMPLETED, null, start.plusSeconds(4)));
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void aJobThatRanBeforeTheMonitorStartedIsShownWithItsCurve() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> MonitorEvents.asViewer().get("/v1/jobs/" + JOB).statusCode() == 200);

        MonitorEvents.asViewer().get("/v1/jobs/" + JOB).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("modelName", equalTo("digits-lenet"))
                .body("epochs", hasSize(3));
    }
}
