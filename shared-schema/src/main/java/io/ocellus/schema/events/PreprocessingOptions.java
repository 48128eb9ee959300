package io.ocellus.schema.events;

import java.util.List;

/**
 * How a training request wants its images prepared; the size is the input shape's. Absent fields mean: stretch to
 * the input size, scale by 1/255, subtract nothing. Pixels become {@code (pixel - mean[channel]) * scale}.
 */
public record PreprocessingOptions(Boolean keepAspect, Double scale, List<Double> mean) {

    public PreprocessingOptions {
        mean = mean == null ? null : List.copyOf(mean);
    }
}
