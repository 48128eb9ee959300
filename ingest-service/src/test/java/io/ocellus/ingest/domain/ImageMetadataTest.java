package io.ocellus.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImageMetadataTest {

    @Test
    void readsNamesInAnyCaseAndTreatsGarbageAsUnknown() {
        Map<String, String> meta = Map.of("Width", "640", "HEIGHT", " 480 ", "channels", "three");

        assertThat(ImageMetadata.intOf(meta, "width")).isEqualTo(640);
        assertThat(ImageMetadata.intOf(meta, "height")).isEqualTo(480);
        assertThat(ImageMetadata.intOf(meta, "channels")).as("not a number").isZero();
        assertThat(ImageMetadata.intOf(Map.of("width", "-3"), "width")).as("negative").isZero();
        assertThat(ImageMetadata.intOf(Map.of(), "width")).as("absent").isZero();
    }
}
