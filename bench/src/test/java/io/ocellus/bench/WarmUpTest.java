package io.ocellus.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarmUpTest {

    @Test
    void aRisingLoadIsSteadyOnlyOnceItStopsSettingNewBests() {
        WarmUp warmUp = new WarmUp(3, 0.03);
        // a max-batch 1 service after its start, in 5 s windows
        for (double window : new double[] {162, 188, 174, 206, 228, 214, 274, 301, 290, 305}) {
            assertThat(warmUp.offer(window)).as("after %s", window).isFalse();
        }
        assertThat(warmUp.offer(296)).isTrue();
        assertThat(warmUp.windows()).hasSize(11).startsWith(162.0).endsWith(296.0);
        assertThat(warmUp.toString()).startsWith("162, 188, 174,").endsWith("305, 296 img/s");
    }

    @Test
    void aWindowWithinTheToleranceOfTheBestIsNoNewBest() {
        WarmUp warmUp = new WarmUp(1, 0.05);
        assertThat(warmUp.offer(1000)).isFalse();
        assertThat(warmUp.offer(1049)).isTrue();
        WarmUp stillRising = new WarmUp(1, 0.05);
        stillRising.offer(1000);
        assertThat(stillRising.offer(1051)).isFalse();
    }

    @Test
    void aNewBestStartsThePatienceAgain() {
        WarmUp warmUp = new WarmUp(2, 0.0);
        warmUp.offer(100);
        assertThat(warmUp.offer(90)).isFalse();
        assertThat(warmUp.offer(120)).isFalse();
        assertThat(warmUp.offer(110)).isFalse();
        assertThat(warmUp.offer(115)).isTrue();
    }

    @Test
    void refusesSettingsThatCannotDecide() {
        assertThatThrownBy(() -> new WarmUp(0, 0.03)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one window");
        assertThatThrownBy(() -> new WarmUp(3, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
