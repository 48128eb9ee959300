package io.ocellus.trainer.job;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.commons.storage.ObjectStoreException;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.store.Buckets;
import io.ocellus.trainer.training.EpochMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each job's request and latest status, kept in the models bucket ({@code jobs/<jobId>/job.json}) next to its
 * checkpoints and history, so that a trainer that restarts, or takes over a model's jobs from another trainer,
 * finds the jobs that were running and resumes them. A cancel asked of a trainer that does not run the job is left
 * here too ({@code cancel.json}), for the trainer that does.
 */
@ApplicationScoped
public class JobJournal {

    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d+)\\.params");

    private final ObjectStore store;
    private final ObjectMapper json;

    public JobJournal(ObjectStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * A job as the journal last saw it; {@code recoveries} counts the starts of the trainer that found it
     * unfinished and queued it again; {@code released} says its trainer handed it over, unfinished, to the trainer
     * that now holds its model's requests (a hand-over is not a recovery).
     */
    public record Entry(TrainingRequested request, TrainingStatus status, String reason, int recoveries,
                        boolean released) {
    }

    public void save(TrainingRequested request, TrainingStatus status, String reason) {
        save(request, status, reason, 0);
    }

    public void save(TrainingRequested request, TrainingStatus status, String reason, int recoveries) {
        save(request, status, reason, recoveries, false);
    }

    public void save(TrainingRequested request, TrainingStatus status, String reason, int recoveries,
                     boolean released) {
        try {
            ObjectNode entry = json.createObjectNode();
            entry.set("request", json.readTree(EventSerde.instance().serialize(request)));
            entry.put("status", status.value());
            entry.put("reason", reason);
            entry.put("recoveries", recoveries);
            entry.put("released", released);
            entry.put("updatedAt", Instant.now().toString());
            store.put(Buckets.MODELS, journalKey(request.jobId()), json.writeValueAsBytes(entry), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's entry, whatever its status; empty when the journal never saw it (or cannot read it). */
    public Optional<Entry> find(String jobId) {
        String key = journalKey(jobId);
        if (!store.exists(Buckets.MODELS, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(json.readTree(store.get(Buckets.MODELS, key))));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ObjectStoreException failure) {
                throw failure;
            }
            return Optional.empty();
        }
    }

    private Entry read(JsonNode entry) throws IOException {
        TrainingStatus status = TrainingStatus.valueOf(entry.path("status").asText());
        TrainingRequested request = EventSerde.instance().deserialize(json.writeValueAsBytes(entry.get("request")),
                TrainingRequested.class);
        return new Entry(request, status, entry.path("reason").asText(null), entry.path("recoveries").asInt(0),
                entry.path("released").asBoolean(false));
    }

    /** The jobs whose last saved status is QUEUED or RUNNING. */
    public List<Entry> unfinished() {
        List<Entry> entries = new ArrayList<>();
        if (!store.bucketExists(Buckets.MODELS)) {
            return entries;
        }
        for (String jobId : store.listChildren(Buckets.MODELS, "jobs/")) {
            String key = journalKey(jobId);
            if (!store.exists(Buckets.MODELS, key)) {
                continue;
            }
            try {
                Entry entry = read(json.readTree(store.get(Buckets.MODELS, key)));
                if (!entry.status().isTerminal()) {
                    entries.add(entry);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable journal entry cannot be resumed; the job stays as it was
            }
        }
        return entries;
    }

    /** Leaves a cancel request for the trainer that runs the job. */
    public void requestCancel(String jobId, String reason) {
        ObjectNode request = json.createObjectNode();
        request.put("reason", reason);
        request.put("requestedAt", Instant.now().toString());
        try {
            store.put(Buckets.MODELS, JobArtifacts.cancel(jobId), json.writeValueAsBytes(request),
                    "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reason of a cancel request left for the job (empty text when none was given); empty when none. */
    public Optional<String> cancelRequest(String jobId) {
        String key = JobArtifacts.cancel(jobId);
        if (!store.exists(Buckets.MODELS, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(store.get(Buckets.MODELS, key)).path("reason").asText(""));
        } catch (IOException e) {
            return Optional.of("");
        }
    }

    /** The highest epoch with a checkpoint, if any. */
    public OptionalInt lastCheckpoint(String jobId) {
        return store.listChildren(Buckets.MODELS, JobArtifacts.prefix(jobId) + "checkpoints/").stream()
                .map(CHECKPOINT::matcher).filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1))).max();
    }

    /** The epochs recorded in the job's history.json, or none. */
    public List<EpochMetrics> history(String jobId) {
        String key = JobArtifacts.history(jobId);
        if (!store.exists(Buckets.MODELS, key)) {
            return List.of();
        }
        try {
            return json.readValue(store.get(Buckets.MODELS, key), new TypeReference<List<EpochMetrics>>() {
            });
        } catch (IOException e) {
            return List.of();
        }
    }

    static String journalKey(String jobId) {
        return JobArtifacts.prefix(jobId) + "job.json";
    }
}
