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
    void theSettingIsReadWithoutRegardToCaseAndAnythingElseIsRefused() {
        assertThat(DeviceChoice.Mode.parse(" GPU ")).isEqualTo(DeviceChoice.Mode.GPU);
        assertThatThrownBy(() -> DeviceChoice.Mode.parse("cuda"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, cpu or gpu, not 'cuda'");
    }
}
