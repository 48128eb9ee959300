package io.ocellus.schema.events;

/**
 * Train on from a published model: its network and trained weights, with a new classifier head for this job's
 * labels. {@code method} says how (absent: fine-tuning); feature extraction uses {@code layer} as the layer whose
 * output the new classifier reads (absent: the one before the base's classifier) and ignores the freezing fields.
 * For fine-tuning: A null {@code baseVersion} means its latest version (for both methods). The body (every layer but the head)
 * stays frozen for the first {@code warmUpEpochs} while the head learns, then trains too at
 * {@code fineTuneLearningRate}; {@code freezeBase} keeps it frozen throughout. Null fields take their defaults: no
 * freezing for good, a warm-up of a third of the epochs, and a tenth of the job's learning rate. {@code layer} names
 * the last of the base's top-level layers to keep (the layers after it start afresh); by default every layer whose
 * parameters fit is kept, which leaves out only the classifier the new labels change.
 */
public record TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase, Integer warmUpEpochs,
                           Double fineTuneLearningRate, String layer, TransferMethod method) {

    public TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase, Integer warmUpEpochs,
                        Double fineTuneLearningRate, String layer) {
        this(baseModel, baseVersion, freezeBase, warmUpEpochs, fineTuneLearningRate, layer, null);
    }

    /** Feature extraction from {@code baseModel} at {@code layer} (null: the layer before its classifier). */
    public static TransferSpec featureExtraction(String baseModel, Integer baseVersion, String layer) {
        return new TransferSpec(baseModel, baseVersion, null, null, null, layer, TransferMethod.FEATURE_EXTRACTION);
    }

    /** The method asked for; fine-tuning when none is named. */
    public TransferMethod effectiveMethod() {
        return method == null ? TransferMethod.FINE_TUNE : method;
    }

    public TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase) {
        this(baseModel, baseVersion, freezeBase, null, null, null);
    }

    public TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase, Integer warmUpEpochs,
                        Double fineTuneLearningRate) {
        this(baseModel, baseVersion, freezeBase, warmUpEpochs, fineTuneLearningRate, null);
    }
}
