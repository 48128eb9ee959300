package io.ocellus.trainer.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.ocellus.trainer.engine.TestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each optimizer's first three updates against its formula, worked out here in plain double arithmetic. The loss
 * is {@code sum(c * w)}, so the raw gradient is {@code c} at every step; the gradient the optimizer sees comes from
 * a real backward pass, so an optimizer that failed to clear it would see {@code 2c} on the second step.
 */
class OptimizerUpdateTest {

    private static final double[] W0 = {1.0, -2.0, 3.0};
    private static final double[] C = {0.5, -1.0, 2.0};
    private static final double LR = 0.1;
    private static final double MU = 0.9;
    private static final double WD = 0.01;
    private static final int STEPS = 3;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
    }

    @Test
    void sgd() {
        double[] w = W0.clone();
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= LR * (C[i] + WD * w[i]);
            }
        }
        assertSteps(io.ocellus.schema.events.Optimizer.SGD, w);
    }

    @Test
    void momentum() {
        double[] w = W0.clone();
        double[] v = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                v[i] = MU * v[i] + (C[i] + WD * w[i]);
                w[i] -= LR * v[i];
            }
        }
        assertSteps(io.ocellus.schema.events.Optimizer.MOMENTUM, w);
    }

    @Test
    void nesterov() {
        double[] w = W0.clone();
        double[] v = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = C[i] + WD * w[i];
                v[i] = MU * v[i] + g;
                w[i] -= LR * (g + MU * v[i]);
            }
        }
        assertSteps(io.ocellus.schema.events.Optimizer.NESTEROV, w);
    }

    @Test
    void adagrad() {
        double[] w = W0.clone();
        double[] s = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = C[i] + WD * w[i];
                s[i] += g * g;
                w[i] -= LR * g / (Math.sqrt(s[i]) + 1e-7);
            }
        }
        assertSteps(io.ocellus.schema.events.Optimizer.ADAGRAD, w);
    }

    @Test
    void rmsprop() {
        double[] w = W0.clone();
        double[] s = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = C[i] + WD * w[i];
                s[i] = 0.9 * s[i] + 0.1 * g * g;
                w[i] -= LR * g / (Math.sqrt(s[i]) + 1e-7);
            }
        }
        assertSteps(io.ocellus.schema.events.Optimizer.RMSPROP, w);
    }

    @Test
    void adam() {
        double b1 = 0.9;
        double b2 = 0.999;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            double rate = LR * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < w.length; i++) {
                double g = C[i] + WD * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                w[i] -= rate * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }
        assertSteps(io.ocellus.schema.events.Optimizer.ADAM, w);
    }

    @Test
    void refusesImpossibleSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Optimizers.of(
                        io.ocellus.schema.events.Optimizer.MOMENTUM, Tracker.fixed(0.1f), 1.5, 0))
                .hasMessageContaining("momentum must be in [0, 1)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Optimizers.of(
                        io.ocellus.schema.events.Optimizer.ADAM, Tracker.fixed(0.1f), 0.9, -1))
                .hasMessageContaining("weight decay must be >= 0");
    }

    private static void assertSteps(io.ocellus.schema.events.Optimizer kind, double[] expected) {
        Optimizer optimizer = Optimizers.of(kind, Tracker.fixed((float) LR), MU, WD);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(toFloats(W0));
            weight.setRequiresGradient(true);
            NDArray c = manager.create(toFloats(C));
            for (int step = 0; step < STEPS; step++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(weight.mul(c).sum());
                }
                optimizer.update("w", weight, weight.getGradient());
            }
            float[] actual = weight.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("%s weight %d after %d steps", kind, i, STEPS)
                        .isCloseTo(expected[i], within(1e-5));
            }
        }
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
