package io.ocellus.ingest.domain;

import io.ocellus.vision.DecodeBudget;
import io.ocellus.vision.ImageInspector;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.OptionalLong;

/**
 * The shared image inspector, with ingest's pixel limit and memory budget: ingest decodes each image only to check
 * it, so an image needs no more than its raster, held until its upload is answered.
 */
public class ImageChecks {

    @Produces
    @Singleton
    ImageInspector inspector(@ConfigProperty(name = "ocellus.ingest.max-megapixels") double maxMegapixels,
                             @ConfigProperty(name = "ocellus.ingest.decode-budget", defaultValue = "0.5")
                             double decodeBudget,
                             @ConfigProperty(name = "ocellus.ingest.decode-budget-mib") OptionalLong decodeBudgetMib) {
        return new ImageInspector(maxMegapixels, DecodeBudget.of(decodeBudget, decodeBudgetMib), 0);
    }
}
