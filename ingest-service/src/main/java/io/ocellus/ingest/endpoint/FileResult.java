package io.ocellus.ingest.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ocellus.commons.problem.Problem;
import io.ocellus.ingest.domain.IngestedImage;

/** The outcome for one file of a multipart upload: the stored image, or the problem that refused it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileResult(String filename, int status, IngestedImage image, Problem problem) {
}
