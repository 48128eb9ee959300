package io.ocellus.monitor.endpoint;

import io.ocellus.monitor.domain.PipelineLatency;
import io.ocellus.monitor.kafka.ConsumerLag;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** How far behind each consumer group is, and how long each stage of the pipeline takes: the page's backlog view. */
@Path("/v1/pipeline")
@Authenticated
public class PipelineResource {

    /** Each group's lag per topic, and each stage's latency. */
    public record PipelineView(List<ConsumerLag.GroupLag> lag, List<PipelineLatency.StageLatency> latency) {
    }

    private final ConsumerLag lag;
    private final PipelineLatency latency;

    public PipelineResource(ConsumerLag lag, PipelineLatency latency) {
        this.lag = lag;
        this.latency = latency;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PipelineView pipeline() {
        return new PipelineView(lag.snapshot(), latency.stages());
    }
}
