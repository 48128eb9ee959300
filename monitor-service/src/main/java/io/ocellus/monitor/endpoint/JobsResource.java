package io.ocellus.monitor.endpoint;

import io.ocellus.commons.charts.CurvePoint;
import io.ocellus.commons.charts.TrainingCurve;
import io.ocellus.commons.problem.ProblemException;
import io.ocellus.monitor.domain.EpochPoint;
import io.ocellus.monitor.domain.JobStream;
import io.ocellus.monitor.domain.JobView;
import io.ocellus.monitor.domain.TrainingHistory;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;

/** Training jobs as monitor-service has seen them on the training topics. */
@Path("/v1/jobs")
@Authenticated
public class JobsResource {

    private final TrainingHistory history;
    private final JobStream stream;

    public JobsResource(TrainingHistory history, JobStream stream) {
        this.history = history;
        this.stream = stream;
    }

    /** Every job, the most recently updated first, each with its latest epoch only. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<JobView> jobs() {
        return history.summaries();
    }

    /** Each job change as a server-sent event carrying the job's whole history. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<JobView> stream() {
        return stream.changes();
    }

    @GET
    @Path("/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "job-not-found")
    public JobView job(@PathParam("jobId") String jobId) {
        return known(jobId);
    }

    /** Loss and accuracy against epoch, train and validation, drawn as the trainer draws them. */
    @GET
    @Path("/{jobId}/curve.png")
    @Produces("image/png")
    @Blocking
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "job-not-found, no-epochs: the job has not finished an epoch yet")
    public byte[] curve(@PathParam("jobId") String jobId) {
        JobView job = known(jobId);
        List<CurvePoint> points = job.epochs().stream()
                .filter(point -> point.trainLoss() != null && point.trainAccuracy() != null)
                .map(JobsResource::point).toList();
        if (points.isEmpty()) {
            throw new ProblemException(404, "no-epochs", "No epoch yet",
                    "job " + jobId + " has not finished an epoch yet: its curve has no point to draw");
        }
        String title = (job.modelName() == null ? "job" : job.modelName()) + " (" + jobId + ")";
        return TrainingCurve.png(title, points);
    }

    private JobView known(String jobId) {
        return history.job(jobId).orElseThrow(() -> new ProblemException(404, "job-not-found", "Unknown job",
                "no training job " + jobId + " has been seen on the training topics"));
    }

    private static CurvePoint point(EpochPoint epoch) {
        return new CurvePoint(epoch.epoch(), epoch.trainLoss(), epoch.valLoss(), epoch.trainAccuracy(),
                epoch.valAccuracy(), epoch.phase());
    }
}
