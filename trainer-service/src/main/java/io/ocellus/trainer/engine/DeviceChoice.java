package io.ocellus.trainer.engine;

import ai.djl.Device;

import java.util.Locale;

/**
 * The device training runs on, from {@code ocellus.trainer.device} and the GPUs PyTorch sees: {@code auto} takes the
 * first GPU when there is one and the CPU otherwise; {@code cpu} always the CPU; {@code gpu} the first GPU, and
 * refuses to go on without one, so a trainer scheduled on a GPU node that lost its GPU (or got CPU-only natives)
 * fails at start instead of training a hundred times slower without a word.
 */
public final class DeviceChoice {

    /** What the setting asks for. */
    public enum Mode {
        AUTO, CPU, GPU;

        public static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ocellus.trainer.device must be auto, cpu or gpu, not '" + value
                        + "'");
            }
        }
    }

    /** The device picked, and why, in words for the log. */
    public record Choice(Device device, String reason) {
    }

    private DeviceChoice() {
    }

    /** Picks the device for {@code mode} when PyTorch sees {@code gpus} GPUs; throws for gpu without one. */
    public static Choice choose(Mode mode, int gpus) {
        return switch (mode) {
            case CPU -> new Choice(Device.cpu(), "ocellus.trainer.device=cpu"
                    + (gpus > 0 ? " (PyTorch sees " + gpus + " GPU(s), left unused)" : ""));
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("ocellus.trainer.device=gpu, but PyTorch sees no GPU: the "
                            + "node has none, its driver is not reachable from here, or the PyTorch natives are "
                            + "the CPU build. Run on a GPU node with DJL's CUDA natives, or set "
                            + "ocellus.trainer.device=auto (or cpu) to train on the CPU");
                }
                yield new Choice(Device.gpu(0), "ocellus.trainer.device=gpu: PyTorch sees " + gpus
                        + " GPU(s), training on the first");
            }
            case AUTO -> gpus > 0
                    ? new Choice(Device.gpu(0), "ocellus.trainer.device=auto: PyTorch sees " + gpus
                    + " GPU(s), training on the first")
                    : new Choice(Device.cpu(), "ocellus.trainer.device=auto: PyTorch sees no GPU (none on this "
                    + "machine, or CPU natives), training on the CPU");
        };
    }
}
