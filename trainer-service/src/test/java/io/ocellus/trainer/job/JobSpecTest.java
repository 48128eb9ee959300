package io.ocellus.trainer.job;

import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.Augmentation;
import io.ocellus.schema.events.EarlyStopping;
import io.ocellus.schema.events.EnsembleSpec;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.NetworkOptions;
import io.ocellus.schema.events.Padding;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.PreprocessingOptions;
import io.ocellus.schema.events.ResumeSpec;
import io.ocellus.schema.events.Splits;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TransferMethod;
import io.ocellus.schema.events.TransferSpec;
import io.ocellus.trainer.nets.NetArchitecture;
import io.ocellus.trainer.transfer.FeatureExtraction;
import io.ocellus.trainer.transfer.FineTuning;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSpecTest {

    @Test
    void fillsInTheDefaults() {
        JobSpec spec = JobSpec.from(request(new HyperParameters(5, 32, Optimizer.MOMENTUM, 0.01, null, null, null)));

        assertThat(spec.modelName()).isEqualTo("digits-lenet");
        assertThat(spec.seed()).isEqualTo(JobSpec.DEFAULT_SEED);
        assertThat(spec.momentum()).isEqualTo(0.9);
        assertThat(spec.weightDecay()).isZero();
        assertThat(spec.validationFraction()).isEqualTo(0.1);
        assertThat(spec.preprocessing().scale()).isEqualTo(1.0 / 255);
        assertThat(spec.preprocessing().keepAspect()).isFalse();
        assertThat(spec.firstEpochIndex()).isZero();
    }

    @Test
    void takesPreprocessingSplitsAndResumeFromTheRequest() {
        TrainingRequested request = request(new HyperParameters(5, 32, Optimizer.ADAM, 0.01, null, null, 3L))
                .withPreprocessing(new PreprocessingOptions(true, 0.5, List.of(127.0)))
                .withSplits(new Splits(0.2, 0.05));
        TrainingRequested resumed = new TrainingRequested(request.schemaVersion(), "job-2", request.dataset(), null,
                request.architecture(), null, request.inputShape(), request.preprocessing(), request.splits(),
                request.hyperParameters(), null, null, null, null, new ResumeSpec("job-1", 3, 0.001),
                Instant.now());

        JobSpec spec = JobSpec.from(resumed);

        assertThat(spec.preprocessing().keepAspect()).isTrue();
        assertThat(spec.preprocessor().apply(new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY))[0]).isEqualTo(-63.5f);
        assertThat(spec.validationFraction()).isEqualTo(0.2);
        assertThat(spec.firstEpochIndex()).isEqualTo(3);
        assertThat(spec.baseLearningRate()).isEqualTo(0.001);
    }

    @Test
    void aTransferFillsInItsWarmUpAndFineTuningRate_andRefusesAWarmUpWithNothingAfterIt() {
        TrainingRequested base = request(new HyperParameters(9, 32, Optimizer.ADAM, 0.01, null, null, 3L));
        JobSpec spec = JobSpec.from(withTransfer(base, new TransferSpec("digits-lenet", null, null)));
        assertThat(spec.fineTuning()).isEqualTo(new FineTuning("digits-lenet", null, false, 3, 0.001, null));
        assertThat(JobSpec.from(base).fineTuning()).isNull();

        assertThatThrownBy(() -> JobSpec.from(withTransfer(base, new TransferSpec("digits-lenet", 2, false, 9,
                null)))).isInstanceOf(InvalidJobException.class).hasMessageContaining("transfer.warmUpEpochs")
                .hasMessageContaining("between 0 and 8");
        assertThat(JobSpec.from(withTransfer(base, new TransferSpec("digits-lenet", 2, true, 9, null)))
                .fineTuning().freezeBase()).as("a frozen base may stay frozen throughout").isTrue();
        assertThatThrownBy(() -> JobSpec.from(withTransfer(base, new TransferSpec(" ", null, null))))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("transfer.baseModel");
    }

    @Test
    void aFeatureExtractionNamesItsBaseAndLayer_andRefusesWhatOnlyFineTuningOrImagesUse() {
        TrainingRequested base = request(new HyperParameters(9, 32, Optimizer.ADAM, 0.01, null, null, 3L));
        JobSpec spec = JobSpec.from(withTransfer(base, TransferSpec.featureExtraction("digits-lenet", 2, "05Linear")));
        assertThat(spec.featureExtraction()).isEqualTo(new FeatureExtraction("digits-lenet", 2, "05Linear"));
        assertThat(spec.fineTuning()).as("one method at a time").isNull();

        assertThatThrownBy(() -> JobSpec.from(withTransfer(base, new TransferSpec("digits-lenet", null, true, null,
                null, null, TransferMethod.FEATURE_EXTRACTION)))).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("feature extraction never trains the base");
        TrainingRequested augmented = new TrainingRequested(base.schemaVersion(), base.jobId(), base.dataset(),
                base.modelName(), base.architecture(), base.network(), base.inputShape(), base.preprocessing(),
                base.splits(), base.hyperParameters(), base.schedule(),
                new Augmentation(10.0, null, null, null, null, null), base.earlyStopping(),
                TransferSpec.featureExtraction("digits-lenet", null, null), null, base.requestedAt());
        assertThatThrownBy(() -> JobSpec.from(augmented)).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("augmentation does not apply to feature extraction");
    }

    @Test
    void anEnsembleTrainsEachArchitectureInTurnWithItsOwnSeed_andRefusesTooFewMembersOrATransfer() {
        TrainingRequested base = request(new HyperParameters(4, 32, Optimizer.ADAM, 0.01, null, null, 7L));
        JobSpec spec = JobSpec.from(withEnsemble(base, new EnsembleSpec(3, List.of(Architecture.LENET,
                Architecture.MINIVGGNET)), null));
        assertThat(spec.ensemble().architectures()).extracting(NetArchitecture::name)
                .containsExactly("lenet", "minivggnet", "lenet");
        assertThat(spec.ensemble().seeds()).containsExactly(7L, 8L, 9L);
        assertThat(spec.totalEpochs()).isEqualTo(12);
        assertThat(spec.member(1).architecture().name()).isEqualTo("minivggnet");
        assertThat(spec.member(1).seed()).isEqualTo(8L);
        assertThat(spec.member(1).ensemble()).isNull();
        assertThat(JobSpec.from(withEnsemble(base, new EnsembleSpec(null, List.of(Architecture.LENET,
                Architecture.SHALLOWNET)), null)).ensemble().size()).as("one member per architecture listed")
                .isEqualTo(2);

        assertRefused(withEnsemble(base, new EnsembleSpec(1, null), null), "ensemble.members must be between 2");
        assertRefused(withEnsemble(base, new EnsembleSpec(null, null), null), "ensemble.members must be between 2");
        assertRefused(withEnsemble(base, new EnsembleSpec(2, null), new TransferSpec("digits-lenet", null, null)),
                "takes no transfer and no resume");
    }

    private static TrainingRequested withEnsemble(TrainingRequested request, EnsembleSpec ensemble,
                                                  TransferSpec transfer) {
        return new TrainingRequested(request.schemaVersion(), request.jobId(), request.dataset(), request.modelName(),
                request.architecture(), request.network(), request.inputShape(), request.preprocessing(),
                request.splits(), request.hyperParameters(), request.schedule(), request.augmentation(),
                request.earlyStopping(), transfer, request.resume(), request.requestedAt(), ensemble);
    }

    private static TrainingRequested withTransfer(TrainingRequested request, TransferSpec transfer) {
        return new TrainingRequested(request.schemaVersion(), request.jobId(), request.dataset(), request.modelName(),
                request.architecture(), request.network(), request.inputShape(), request.preprocessing(),
                request.splits(), request.hyperParameters(), request.schedule(), request.augmentation(),
                request.earlyStopping(), transfer, request.resume(), request.requestedAt());
    }

    @Test
    void refusesWhatCannotTrainWithTheFieldNamed() {
        assertRefused(request(new HyperParameters(5, 32, Optimizer.SGD, 0, null, null, null)),
                "hyperParameters.learningRate must be > 0");
        assertRefused(request(new HyperParameters(5, 0, Optimizer.SGD, 0.1, null, null, null)),
                "hyperParameters.batchSize must be between 1 and 4096, got 0");
        assertRefused(request(new HyperParameters(5, 100_000, Optimizer.SGD, 0.1, null, null, null)),
                "hyperParameters.batchSize must be between 1 and 4096, got 100000");
        assertRefused(new TrainingRequested(1, "j", "digits", null, Architecture.LENET, null,
                        new InputShape(3, 4096, 4096), null, null, ok().hyperParameters(), null, null, null, null,
                        null, Instant.now()),
                "inputShape 4096x4096 is larger than 1024x1024");
        assertRefused(request(new HyperParameters(0, 8, Optimizer.SGD, 0.1, null, null, null)),
                "hyperParameters.epochs must be between 1");
        assertRefused(request(new HyperParameters(5, 8, Optimizer.NESTEROV, 0.1, 1.0, null, null)),
                "hyperParameters.momentum must be in [0, 1)");
        assertRefused(request(new HyperParameters(5, 8, Optimizer.SGD, 0.1, null, -1.0, null)),
                "hyperParameters.weightDecay must be >= 0");
        assertRefused(ok().withPreprocessing(new PreprocessingOptions(null, null, List.of(1.0, 2.0, 3.0))),
                "preprocessing: mean needs one value per channel (1)");
        assertRefused(ok().withSplits(new Splits(0.5, 0.45)), "must leave at least 10% of train");
        assertRefused(ok().withNetwork(new NetworkOptions(null, null, null, null, 1.5, null, null)),
                "network: dropout must be in [0, 1)");
        assertRefused(new TrainingRequested(1, "j", "digits", null, Architecture.LENET, null, new InputShape(1, 28, 28),
                        null, null, ok().hyperParameters(), null, null, new EarlyStopping("train_loss", 3, true),
                        null, null, Instant.now()),
                "earlyStopping.monitor must be val_loss or val_accuracy");
        assertRefused(new TrainingRequested(1, "j", "digits", null, Architecture.SQUEEZENET, null,
                        new InputShape(3, 32, 32), null, null, ok().hyperParameters(), null, null, null, null, null,
                        Instant.now()),
                "smaller than squeezenet allows: at least 35x35");
        assertRefused(new TrainingRequested(1, "j", "digits", null, Architecture.ALEXNET, null,
                        new InputShape(1, 64, 64), null, null, ok().hyperParameters(), null, null, null, null, null,
                        Instant.now()).withNetwork(new NetworkOptions(null, null, null, null, null, null, null, null,
                        Head.GLOBAL_AVERAGE)),
                "network: alexnet is not offered with a global-average head (lenet and minivggnet are)");
        assertRefused(new TrainingRequested(1, "j", "digits", null, Architecture.MINIVGGNET, null,
                        new InputShape(1, 15, 15), null, null, ok().hyperParameters(), null, null, null, null, null,
                        Instant.now()).withNetwork(new NetworkOptions(null, null, null, null, null, null, null,
                        Padding.VALID, Head.GLOBAL_AVERAGE)),
                "smaller than minivggnet allows: at least 16x16");
        assertRefused(new TrainingRequested(1, "j", "digits", null, Architecture.LENET, null,
                        new InputShape(1, 15, 15), null, null, ok().hyperParameters(), null, null, null, null, null,
                        Instant.now()).withNetwork(new NetworkOptions(null, null, null, null, null, null, null,
                        Padding.VALID, Head.GLOBAL_AVERAGE)),
                "smaller than lenet allows: at least 16x16");
    }

    private static void assertRefused(TrainingRequested request, String reason) {
        assertThatThrownBy(() -> JobSpec.from(request)).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining(reason);
    }

    private static TrainingRequested ok() {
        return request(new HyperParameters(5, 8, Optimizer.SGD, 0.1, null, null, null));
    }

    private static TrainingRequested request(HyperParameters hp) {
        return TrainingRequested.of("job-1", "digits", Architecture.LENET, new InputShape(1, 28, 28), hp, null, null,
                null, null, null, Instant.now());
    }
}
