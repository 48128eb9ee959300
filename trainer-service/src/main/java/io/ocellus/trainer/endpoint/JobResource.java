package io.ocellus.trainer.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.commons.messaging.EventPublishException;
import io.ocellus.commons.messaging.EventPublisher;
import io.ocellus.commons.problem.ProblemException;
import io.ocellus.commons.security.Roles;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.EventType;
import io.ocellus.schema.InvalidEventException;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.trainer.job.InvalidJobException;
import io.ocellus.trainer.job.JobArtifacts;
import io.ocellus.trainer.job.JobDirectory;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.job.JobState;
import io.ocellus.trainer.job.JobView;
import io.ocellus.trainer.job.TrainingJobs;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Training jobs over HTTP. {@code POST /v1/jobs} takes a training config (a TrainingRequested without its
 * schemaVersion, jobId and requestedAt, which are filled in), checks it and publishes it to the training-request
 * topic, where it queues like any other request; the answer is 202 with the job id to follow, given only once
 * the job is in the journal and its request on the topic (503 when the store or the broker is down).
 */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final TrainingJobs jobs;
    private final JobDirectory directory;
    private final EventPublisher publisher;
    private final ObjectStore store;
    private final ObjectMapper json;

    public JobResource(TrainingJobs jobs, JobDirectory directory, EventPublisher publisher, ObjectStore store,
                       ObjectMapper json) {
        this.jobs = jobs;
        this.directory = directory;
        this.publisher = publisher;
        this.store = store;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Accepted: the job is on record and will run or fail with a "
            + "reason", content = @Content(schema = @Schema(implementation = Submitted.class)))
    @APIResponse(responseCode = "400", description = "malformed-json, invalid-training-config: the reason names the "
            + "field")
    @APIResponse(responseCode = "409", description = "job-exists: a job of that id is known")
    @APIResponse(responseCode = "503", description = "the broker is unavailable: the job is recorded FAILED, not "
            + "queued")
    public Response submit(byte[] body) {
        TrainingRequested request = parse(body);
        try {
            JobSpec.from(request);
        } catch (InvalidJobException | IllegalArgumentException e) {
            throw new ProblemException(400, "invalid-training-config", "Invalid training config", e.getMessage());
        }
        if (jobs.known(request.jobId())) {
            throw new ProblemException(409, "job-exists", "Job exists", "job " + request.jobId() + " already exists");
        }
        // journaled before it is announced: a 202 means the job is on record and will run or fail with a reason
        jobs.accept(request);
        try {
            // keyed by model name: the trainer that holds the model's partition runs it (see ModelOwnership)
            publisher.publish(EventType.TRAINING_REQUESTED.keyOf(request), request);
        } catch (EventPublishException e) {
            jobs.notAnnounced(request, "not queued: " + e.getMessage());
            throw e;
        }
        return Response.accepted(new Submitted(request.jobId(), "/v1/jobs/" + request.jobId())).build();
    }

    @GET
    @Authenticated
    public List<JobView> list() {
        return jobs.all().stream().map(JobState::view).toList();
    }

    @GET
    @Path("/{jobId}")
    @Authenticated
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "job-not-found")
    public JobView get(@PathParam("jobId") String jobId) {
        return known(jobId).view();
    }

    @POST
    @Path("/{jobId}/cancel")
    @RolesAllowed(Roles.TRAINER)
    @APIResponse(responseCode = "202", description = "Cancellation asked: the job stops between batches",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "job-not-found")
    @APIResponse(responseCode = "409", description = "job-finished: the job has ended already")
    public Response cancel(@PathParam("jobId") String jobId) {
        JobState state = known(jobId);
        if (state.status().isTerminal()) {
            throw new ProblemException(409, "job-finished", "Job already finished",
                    "job " + jobId + " is " + state.status().value());
        }
        directory.cancel(jobId, null);
        return Response.accepted(state.view()).build();
    }

    @GET
    @Path("/{jobId}/curve.png")
    @Authenticated
    @Produces("image/png")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "job-not-found, curve-not-ready: no epoch has finished yet")
    public byte[] curve(@PathParam("jobId") String jobId) {
        known(jobId);
        String key = JobArtifacts.curve(jobId);
        if (!store.exists(Buckets.MODELS, key)) {
            throw new ProblemException(404, "curve-not-ready", "No training curve yet",
                    "job " + jobId + " has not finished an epoch yet");
        }
        return store.get(Buckets.MODELS, key);
    }

    private JobState known(String jobId) {
        return directory.find(jobId).orElseThrow(() -> new ProblemException(404, "job-not-found", "Job not found",
                "no trainer knows job " + jobId));
    }

    /** The config with its envelope filled in, checked against the TrainingRequested contract. */
    private TrainingRequested parse(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the body is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(tree instanceof ObjectNode config)) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the body must be a JSON object");
        }
        if (!config.hasNonNull("schemaVersion")) {
            config.put("schemaVersion", TrainingRequested.SCHEMA_VERSION);
        }
        if (!config.hasNonNull("jobId")) {
            config.put("jobId", "job-" + UUID.randomUUID());
        }
        if (!config.hasNonNull("requestedAt")) {
            config.put("requestedAt", Instant.now().toString());
        }
        try {
            return EventSerde.instance().deserialize(json.writeValueAsBytes(config), TrainingRequested.class);
        } catch (InvalidEventException e) {
            throw new ProblemException(400, "invalid-training-config", "Invalid training config", e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Submitted(String jobId, String location) {
    }
}
