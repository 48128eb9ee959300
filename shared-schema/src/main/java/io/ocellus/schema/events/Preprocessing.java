package io.ocellus.schema.events;

import java.util.List;

/**
 * How a served model expects its input prepared; published with the model so serving does exactly what
 * training did. Pixels are multiplied by {@code scale} after subtracting the per-channel {@code mean}.
 */
public record Preprocessing(int width, int height, boolean keepAspect, double scale, List<Double> mean) {

    public Preprocessing {
        mean = mean == null ? null : List.copyOf(mean);
    }
}
