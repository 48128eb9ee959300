package io.ocellus.trainer.engine;

import ai.djl.Device;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The devices training runs on, from {@code ocellus.trainer.device}, {@code ocellus.trainer.gpus} and the GPUs
 * PyTorch sees: {@code auto} takes GPUs when there are any and the CPU otherwise; {@code cpu} always the CPU;
 * {@code gpu} GPUs, and refuses to go on without one, so a trainer scheduled on a GPU node that lost its GPU (or got
 * CPU-only natives) fails at start instead of training a hundred times slower without a word. On GPUs a job uses
 * the first {@code ocellus.trainer.gpus} of them (0: all it sees), each batch split between them.
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

    /** The devices picked (the first holds the model's own copy), and why, in words for the log. */
    public record Choice(List<Device> devices, String reason) {

        public Choice {
            devices = List.copyOf(devices);
        }

        Choice(Device device, String reason) {
            this(List.of(device), reason);
        }

        public Device device() {
            return devices.get(0);
        }
    }

    private DeviceChoice() {
    }

    /** Picks one device for {@code mode} when PyTorch sees {@code gpus} GPUs; throws for gpu without one. */
    public static Choice choose(Mode mode, int gpus) {
        return choose(mode, gpus, 1);
    }

    /**
     * Picks the devices for {@code mode} when PyTorch sees {@code gpus} GPUs, using up to {@code wanted} of them
     * (0: all); throws for gpu without one.
     */
    public static Choice choose(Mode mode, int gpus, int wanted) {
        if (wanted < 0) {
            throw new IllegalArgumentException("ocellus.trainer.gpus must be 0 (all) or more, not " + wanted);
        }
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
                yield onGpus("ocellus.trainer.device=gpu", gpus, wanted);
            }
            case AUTO -> gpus > 0 ? onGpus("ocellus.trainer.device=auto", gpus, wanted)
                    : new Choice(Device.cpu(), "ocellus.trainer.device=auto: PyTorch sees no GPU (none on this "
                    + "machine, or CPU natives), training on the CPU");
        };
    }

    private static Choice onGpus(String setting, int gpus, int wanted) {
        int used = wanted == 0 ? gpus : Math.min(wanted, gpus);
        List<Device> devices = IntStream.range(0, used).mapToObj(Device::gpu).toList();
        String which = used == 1 ? "training on the first"
                : "training on " + used + " (ocellus.trainer.gpus=" + wanted + "), each batch split between them";
        return new Choice(devices, setting + ": PyTorch sees " + gpus + " GPU(s), " + which);
    }
}
