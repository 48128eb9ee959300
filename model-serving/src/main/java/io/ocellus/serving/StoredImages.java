package io.ocellus.serving;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.vision.InspectedImage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The image an {@code ImageIngested} event names, checked as an upload is before its pixels are decoded. An event
 * is trusted no further than its contract: one that points outside the images bucket, or at another object than
 * its image id, is refused for good, so no producer can make a server read what it chooses.
 */
@ApplicationScoped
public class StoredImages {

    private final ObjectStore store;
    private final ImageLimits limits;

    public StoredImages(ObjectStore store, ImageLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** The decoded image; the caller closes it. Throws for a foreign key, a missing object or a refused image. */
    public InspectedImage fetch(ImageIngested image) {
        String expected = ContentKeys.forImage(image.imageId());
        if (!Buckets.IMAGES.equals(image.bucket()) || !expected.equals(image.objectKey())) {
            throw new IllegalArgumentException("the event names " + image.bucket() + "/" + image.objectKey()
                    + ", but image " + image.imageId() + " is stored at " + Buckets.IMAGES + "/" + expected);
        }
        return limits.decodeStored(store.get(image.bucket(), image.objectKey()));
    }
}
