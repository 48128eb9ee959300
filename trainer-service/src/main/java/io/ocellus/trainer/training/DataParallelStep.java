package io.ocellus.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * One optimizer step over a batch split between devices (data parallelism, as DJL's trainer supports it): each
 * slice runs forward and backward on its device against that device's copy of the parameters, its mean loss
 * weighted by the slice's share of the batch, so the gradients the trainer sums over the devices are exactly those
 * of the whole batch's mean loss. With one device it is an ordinary step.
 */
final class DataParallelStep {

    private DataParallelStep() {
    }

    /**
     * Trains on the first {@code n} samples of {@code pixels}/{@code labels} split into {@code slices} (each on
     * {@code devices} in turn); returns the batch's mean loss and its number of correct rank-1 predictions.
     */
    static double[] step(Trainer trainer, List<Device> devices, int slices, float[] pixels, float[] labels, int n,
                         Shape sampleShape) {
        int parts = Math.max(1, Math.min(slices, n));
        int size = (int) sampleShape.size();
        double loss = 0;
        long correct = 0;
        try (NDManager scope = trainer.getManager().newSubManager();
             GradientCollector collector = trainer.newGradientCollector()) {
            int from = 0;
            for (int part = 0; part < parts; part++) {
                int count = n / parts + (part < n % parts ? 1 : 0);
                Device device = devices.get(part % devices.size());
                NDArray x = scope.create(FloatBuffer.wrap(pixels, from * size, count * size),
                        new Shape(count).addAll(sampleShape))
                        .toDevice(device, false);
                NDArray y = scope.create(FloatBuffer.wrap(labels, from, count), new Shape(count))
                        .toDevice(device, false);
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray sliceLoss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                double share = (double) count / n;
                collector.backward(sliceLoss.mul(share));
                loss += sliceLoss.getFloat() * share;
                correct += logits.argMax(1).toType(DataType.FLOAT32, false).eq(y).sum().getLong();
                from += count;
            }
        }
        trainer.step();
        return new double[]{loss, correct};
    }
}
