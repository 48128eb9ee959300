package io.ocellus.trainer.engine;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceChoiceTest {

    @Test
    void autoTrainsOnTheFirstGpuWhenThereIsOneAndOnTheCpuOtherwise() {
        DeviceChoice.Choice withGpus = DeviceChoice.choose(DeviceChoice.Mode.AUTO, 2);
        assertThat(withGpus.device()).isEqualTo(Device.gpu(0));
        assertThat(withGpus.reason()).contains("auto").contains("2 GPU(s)");
        DeviceChoice.Choice without = DeviceChoice.choose(DeviceChoice.Mode.AUTO, 0);
        assertThat(without.device()).isEqualTo(Device.cpu());
        assertThat(without.reason()).contains("no GPU");
    }

    @Test
    void cpuStaysOnTheCpuEvenWithGpus() {
        DeviceChoice.Choice choice = DeviceChoice.choose(DeviceChoice.Mode.CPU, 4);
        assertThat(choice.device()).isEqualTo(Device.cpu());
        assertThat(choice.reason()).contains("4 GPU(s), left unused");
    }

    @Test
    void gpuWithoutOneRefusesToStartAndSaysWhatToDo() {
        assertThat(DeviceChoice.choose(DeviceChoice.Mode.GPU, 1).device()).isEqualTo(Device.gpu(0));
        assertThatThrownBy(() -> DeviceChoice.choose(DeviceChoice.Mode.GPU, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PyTorch sees no GPU").hasMessageContaining("ocellus.trainer.device=auto");
    }

    @Test
    void severalGpusSplitEachBatch_upToTheNumberAskedFor_orAllOfThem() {
        assertThat(DeviceChoice.choose(DeviceChoice.Mode.GPU, 4, 2).devices())
                .containsExactly(Device.gpu(0), Device.gpu(1));
        DeviceChoice.Choice all = DeviceChoice.choose(DeviceChoice.Mode.AUTO, 3, 0);
        assertThat(all.devices()).containsExactly(Device.gpu(0), Device.gpu(1), Device.gpu(2));
        assertThat(all.reason()).contains("training on 3", "each batch split");
        assertThat(DeviceChoice.choose(DeviceChoice.Mode.GPU, 2, 8).devices()).as("no more than there are")
                .hasSize(2);
        assertThat(DeviceChoice.choose(DeviceChoice.Mode.AUTO, 0, 0).devices()).containsExactly(Device.cpu());
        assertThat(DeviceChoice.choose(DeviceChoice.Mode.CPU, 4, 0).devices()).containsExactly(Device.cpu());
        assertThatThrownBy(() -> DeviceChoice.choose(DeviceChoice.Mode.GPU, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ocellus.trainer.gpus");
    }

    @Test
    void theSettingIsReadWithoutRegardToCaseAndAnythingElseIsRefused() {
        assertThat(DeviceChoice.Mode.parse(" GPU ")).isEqualTo(DeviceChoice.Mode.GPU);
        assertThatThrownBy(() -> DeviceChoice.Mode.parse("cuda"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, cpu or gpu, not 'cuda'");
    }
}
