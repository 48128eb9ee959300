package io.ocellus.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.ocellus.trainer.data.ImageSet;
import io.ocellus.trainer.nets.Net;

import java.nio.FloatBuffer;
import java.util.function.UnaryOperator;

/** Scores a network on a split in inference mode (dropout off, batch norm on its running statistics). */
public final class Evaluator {

    private static final int BATCH = 256;
    private static final int RANK = 5;

    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    SplitScore score(Trainer trainer, ImageSet set, Shape sampleShape, int classes) {
        return score(trainer.getManager(), inputs -> trainer.evaluate(inputs), set, sampleShape, classes);
    }

    /** Scores {@code net}, whose parameters are initialised, on {@code set}. */
    public SplitScore score(Net net, ImageSet set, NDManager manager) {
        ParameterStore parameters = new ParameterStore(manager, false);
        return score(manager, inputs -> net.block().forward(parameters, inputs, false), set, net.inputShape(),
                net.classes());
    }

    private SplitScore score(NDManager manager, UnaryOperator<NDList> forward, ImageSet set, Shape sampleShape,
                             int classes) {
        long[][] confusion = new long[classes][classes];
        if (set.isEmpty()) {
            return new SplitScore(0, Double.NaN, Double.NaN, null, confusion);
        }
        double lossSum = 0;
        long rank1 = 0;
        long rank5 = 0;
        for (int start = 0; start < set.count(); start += BATCH) {
            int n = Math.min(BATCH, set.count() - start);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(FloatBuffer.wrap(set.slice(start, n)),
                        new Shape(n).addAll(sampleShape));
                float[] labelValues = new float[n];
                for (int i = 0; i < n; i++) {
                    labelValues[i] = set.labels()[start + i];
                }
                NDArray y = scope.create(labelValues);
                NDArray logits = forward.apply(new NDList(x)).singletonOrThrow();
                lossSum += loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * n;
                int k = Math.min(RANK, classes);
                long[] ranked = logits.argSort(1, false).get(":, :" + k).toLongArray();
                for (int i = 0; i < n; i++) {
                    int truth = set.labels()[start + i];
                    int top = (int) ranked[i * k];
                    confusion[truth][top]++;
                    if (top == truth) {
                        rank1++;
                    }
                    for (int j = 0; j < k; j++) {
                        if (ranked[i * k + j] == truth) {
                            rank5++;
                            break;
                        }
                    }
                }
            }
        }
        int count = set.count();
        return new SplitScore(count, lossSum / count, (double) rank1 / count,
                classes >= RANK ? (double) rank5 / count : null, confusion);
    }
}
