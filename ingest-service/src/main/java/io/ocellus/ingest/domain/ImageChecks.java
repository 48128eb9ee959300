package io.ocellus.ingest.domain;

import io.ocellus.vision.ImageInspector;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared image inspector, with ingest's pixel limit. */
public class ImageChecks {

    @Produces
    @Singleton
    ImageInspector inspector(@ConfigProperty(name = "ocellus.ingest.max-megapixels") double maxMegapixels) {
        return new ImageInspector(maxMegapixels);
    }
}
