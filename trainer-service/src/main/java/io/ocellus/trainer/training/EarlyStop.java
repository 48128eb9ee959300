package io.ocellus.trainer.training;

import io.ocellus.schema.events.EarlyStopping;

/**
 * Early stopping on a validation metric: stops after {@code patience} epochs without improvement and remembers
 * the best epoch's weights so they can be restored. Without a configuration, or without a validation split, it
 * never stops a run.
 */
final class EarlyStop {

    private final EarlyStopping config;
    private double best = Double.NaN;
    private int bestEpoch;
    private byte[] bestParameters;
    private int sinceBest;

    EarlyStop(EarlyStopping config) {
        this.config = config;
    }

    /** Records an epoch; true when training should stop now. */
    boolean observe(EpochMetrics metrics, byte[] parameters) {
        if (config == null || metrics.valLoss() == null) {
            return false;
        }
        boolean lossMonitor = !"val_accuracy".equals(config.monitor());
        double value = lossMonitor ? metrics.valLoss() : metrics.valAccuracy();
        boolean improved = Double.isNaN(best) || (lossMonitor ? value < best : value > best);
        if (improved) {
            best = value;
            bestEpoch = metrics.epoch();
            bestParameters = parameters;
            sinceBest = 0;
            return false;
        }
        sinceBest++;
        return sinceBest > config.patience();
    }

    boolean restoreBest() {
        return config != null && !Boolean.FALSE.equals(config.restoreBest());
    }

    String monitor() {
        return config.monitor();
    }

    int patience() {
        return config.patience();
    }

    int bestEpoch() {
        return bestEpoch;
    }

    byte[] bestParameters() {
        return bestParameters;
    }
}
