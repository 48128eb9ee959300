package io.ocellus.trainer.transfer;

import io.ocellus.schema.events.Augmentation;
import io.ocellus.schema.events.TransferSpec;
import io.ocellus.trainer.job.InvalidJobException;
import io.ocellus.trainer.training.Augmenter;

/**
 * A job that uses a published model as a feature extractor: which model (its latest version when
 * {@code baseVersion} is null) and the layer whose output the new classifier reads (null: the layer before the
 * base's classifier).
 */
public record FeatureExtraction(String baseModel, Integer baseVersion, String layer) {

    /** The plan for {@code transfer}; refuses what does not apply to features computed once. */
    public static FeatureExtraction from(TransferSpec transfer, Augmentation augmentation) {
        if (transfer.baseModel() == null || transfer.baseModel().isBlank()) {
            throw new InvalidJobException("transfer.baseModel must name a published model");
        }
        if (transfer.freezeBase() != null || transfer.warmUpEpochs() != null
                || transfer.fineTuneLearningRate() != null) {
            throw new InvalidJobException("transfer.freezeBase, warmUpEpochs and fineTuneLearningRate are for "
                    + "fine-tuning; feature extraction never trains the base");
        }
        if (Augmenter.isActive(augmentation)) {
            throw new InvalidJobException("augmentation does not apply to feature extraction: the features of each "
                    + "image are computed once; turn it off or fine-tune instead");
        }
        return new FeatureExtraction(transfer.baseModel(), transfer.baseVersion(), transfer.layer());
    }
}
