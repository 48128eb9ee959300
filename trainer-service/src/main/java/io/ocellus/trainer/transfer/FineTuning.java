package io.ocellus.trainer.transfer;

import io.ocellus.schema.events.TransferSpec;
import io.ocellus.trainer.job.InvalidJobException;

/**
 * A job that trains on from a published model: which model (its latest version when {@code baseVersion} is null),
 * how many epochs the new head learns alone before the base's layers train too, whether they never do, the
 * learning rate once they do, and the last layer kept from the base (null: every layer that fits).
 */
public record FineTuning(String baseModel, Integer baseVersion, boolean freezeBase, int warmUpEpochs,
                         double fineTuneLearningRate, String layer) {

    /** The plan for {@code transfer} in a job of {@code epochs} at {@code learningRate}, with its defaults filled. */
    public static FineTuning from(TransferSpec transfer, int epochs, double learningRate) {
        if (transfer.baseModel() == null || transfer.baseModel().isBlank()) {
            throw new InvalidJobException("transfer.baseModel must name a published model");
        }
        int warmUp = transfer.warmUpEpochs() == null ? epochs / 3 : transfer.warmUpEpochs();
        if (warmUp < 0 || warmUp >= epochs && !Boolean.TRUE.equals(transfer.freezeBase())) {
            throw new InvalidJobException("transfer.warmUpEpochs must be between 0 and " + (epochs - 1)
                    + " (hyperParameters.epochs is " + epochs + "), got " + warmUp
                    + "; to train the new head only, set transfer.freezeBase");
        }
        double rate = transfer.fineTuneLearningRate() == null ? learningRate / 10 : transfer.fineTuneLearningRate();
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new InvalidJobException("transfer.fineTuneLearningRate must be > 0, got " + rate);
        }
        return new FineTuning(transfer.baseModel(), transfer.baseVersion(), Boolean.TRUE.equals(transfer.freezeBase()),
                warmUp, rate, transfer.layer());
    }
}
