package io.ocellus.vision;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodeBudgetTest {

    private static final long MIB = 1 << 20;

    @Test
    void aReservationHoldsItsShareUntilClosedOnce() {
        DecodeBudget budget = new DecodeBudget(4 * MIB, 0);

        DecodeBudget.Reservation first = budget.reserve(3 * MIB, "first");
        assertThat(budget.availableBytes()).isEqualTo(MIB);
        assertThatThrownBy(() -> budget.reserve(2 * MIB, "second")).isInstanceOf(DecodeBudget.BusyException.class)
                .hasMessageContaining("second needs about 2 MiB");

        first.close();
        first.close();
        assertThat(budget.availableBytes()).isEqualTo(4 * MIB);
        budget.reserve(2 * MIB, "second").close();
    }

    @Test
    void anImageAboveTheWholeBudgetIsRefusedWith413() {
        DecodeBudget budget = new DecodeBudget(4 * MIB, 0);

        assertThatThrownBy(() -> budget.reserve(4 * MIB + 1, "a 9000x9000 image/png image"))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.slug()).isEqualTo("image-too-large-to-decode");
                    assertThat(e.getMessage()).contains("9000x9000", "budget of 4 MiB");
                });
        assertThat(budget.availableBytes()).isEqualTo(4 * MIB);
    }

    @Test
    void theInspectorMeasuresSamplesAsStoredAndRefusesBeforeDecoding() throws IOException {
        // 512x257 16-bit RGBA: 8 bytes a pixel, one row more than 1 MiB of raster
        byte[] rgba16 = png(new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT),
                Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, 512, 257, 4, null), false, null));
        DecodeBudget budget = new DecodeBudget(MIB, 0);
        ImageInspector inspector = new ImageInspector(40, budget, 0);

        assertThatThrownBy(() -> inspector.inspect(rgba16)).isInstanceOfSatisfying(ImageRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(413));

        byte[] justUnder = png(new BufferedImage(1024, 1024, BufferedImage.TYPE_BYTE_GRAY));
        try (InspectedImage image = inspector.inspect(justUnder)) {
            assertThat(image.width()).isEqualTo(1024);
            assertThat(budget.availableBytes()).isZero();
        }
        assertThat(budget.availableBytes()).isEqualTo(MIB);
    }

    @Test
    void aPngWhoseHeaderCrcIsWrongIsCorruptThoughJavasReaderTakesIt() throws IOException {
        byte[] png = png(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY));
        byte[] damaged = png.clone();
        // the IHDR chunk's CRC follows its 13 data bytes, at 8 + 4 + 4 + 13
        damaged[29] ^= 1;
        assertThat(ImageIO.read(new ByteArrayInputStream(damaged))).as("Java's own reader").isNotNull();

        assertThatThrownBy(() -> new ImageInspector(40).inspect(damaged))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("IHDR", "CRC");
                });
        assertThat(new ImageInspector(40).inspect(png).width()).isEqualTo(16);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
