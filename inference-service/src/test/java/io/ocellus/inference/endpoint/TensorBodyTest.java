package io.ocellus.inference.endpoint;

import io.ocellus.commons.problem.ProblemException;
import io.ocellus.serving.ImageLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorBodyTest {

    private final ImageLimits limits = new ImageLimits(1 << 20, 256, 40, 0.5, java.util.OptionalLong.empty(), 4);

    @Test
    void decodesAnnouncedBodiesAcrossChunkBoundariesAsAWholeReadDoes() {
        float[] values = new float[100_003];
        Random random = new Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        byte[] body = littleEndian(values);

        // a stream that hands out odd-sized pieces, as a network does
        float[] announced = TensorBody.read(new Trickle(body, 1_777), (long) body.length, limits);
        float[] unannounced = TensorBody.read(new ByteArrayInputStream(body), null, limits);

        assertThat(announced).containsExactly(values);
        assertThat(unannounced).containsExactly(values);
    }

    @Test
    void refusesBodiesThatAreNotWholeFloatsOrEndEarly() {
        byte[] body = littleEndian(new float[]{1, 2, 3});

        assertThatThrownBy(() -> TensorBody.read(new ByteArrayInputStream(body, 0, 11), 11L, limits))
                .isInstanceOf(ProblemException.class).hasMessageContaining("not a whole number of float32");
        assertThatThrownBy(() -> TensorBody.read(new ByteArrayInputStream(Arrays.copyOf(body, 11)), null, limits))
                .isInstanceOf(ProblemException.class).hasMessageContaining("not a whole number of float32");
        assertThatThrownBy(() -> TensorBody.read(new ByteArrayInputStream(body, 0, 8), 12L, limits))
                .isInstanceOf(ProblemException.class).hasMessageContaining("ended before the 12 bytes");
    }

    @Test
    void refusesBodiesAboveTheLimitAsTensorsWhetherAnnouncedOrNot() {
        byte[] tooLarge = new byte[(1 << 20) + 4];

        for (Long announced : new Long[] {(long) tooLarge.length, null}) {
            assertThatThrownBy(() -> TensorBody.read(new ByteArrayInputStream(tooLarge), announced, limits))
                    .as("Content-Length %s", announced).isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(413);
                        assertThat(e.getMessage()).contains("a tensor body may have at most 1048576 bytes")
                                .contains("262144 float32 values").doesNotContain("image");
                    });
        }
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** Gives at most {@code piece} bytes per read. */
    private static final class Trickle extends InputStream {

        private final ByteArrayInputStream in;
        private final int piece;

        Trickle(byte[] bytes, int piece) {
            this.in = new ByteArrayInputStream(bytes);
            this.piece = piece;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, piece));
        }
    }
}
