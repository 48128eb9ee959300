package io.ocellus.schema.events;

/**
 * Train on from a published model (fine-tuning): its network and trained weights, with a new classifier head for
 * this job's labels. A null {@code baseVersion} means its latest version. The body (every layer but the head)
 * stays frozen for the first {@code warmUpEpochs} while the head learns, then trains too at
 * {@code fineTuneLearningRate}; {@code freezeBase} keeps it frozen throughout. Null fields take their defaults: no
 * freezing for good, a warm-up of a third of the epochs, and a tenth of the job's learning rate.
 */
public record TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase, Integer warmUpEpochs,
                           Double fineTuneLearningRate) {

    public TransferSpec(String baseModel, Integer baseVersion, Boolean freezeBase) {
        this(baseModel, baseVersion, freezeBase, null, null);
    }
}
