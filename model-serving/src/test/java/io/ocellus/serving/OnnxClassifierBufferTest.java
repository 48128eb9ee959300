package io.ocellus.serving;

import io.ocellus.teststack.TinyClassifiers;
import io.ocellus.vision.onnx.OnnxClassifier;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vision-core's classifier on a direct buffer, as the batcher feeds it, against the same samples as an array. */
class OnnxClassifierBufferTest {

    private static final TinyClassifiers.Linear MODEL = TinyClassifiers.Linear.random(1, 4, 4, 3, 9);

    @Test
    void aDirectBufferGivesTheRowsAnArrayGives() {
        float[] samples = new float[5 * 16];
        Random random = new Random(2);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextFloat();
        }
        FloatBuffer direct = ByteBuffer.allocateDirect(8 * 16 * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        direct.put(samples).flip();
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            float[][] fromArray = classifier.classify(samples, 5);
            float[][] fromBuffer = classifier.classify(direct, 5);
            assertThat(fromBuffer).hasDimensions(5, 3).isDeepEqualTo(fromArray);
        }
    }

    @Test
    void refusesHeapBuffersForeignByteOrderAndACountThatIsNotWhatRemains() {
        try (OnnxClassifier classifier = OnnxClassifier.open(MODEL.onnx(), 1)) {
            assertThatThrownBy(() -> classifier.classify(FloatBuffer.allocate(16), 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a heap buffer");
            ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN;
            assertThatThrownBy(() -> classifier.classify(ByteBuffer.allocateDirect(64).order(foreign)
                    .asFloatBuffer(), 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one in " + foreign);
            FloatBuffer two = ByteBuffer.allocateDirect(2 * 16 * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            assertThatThrownBy(() -> classifier.classify(two, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("need 1 samples of 16 values, got 32");
        }
    }
}
