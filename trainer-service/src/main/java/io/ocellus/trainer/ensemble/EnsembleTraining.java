package io.ocellus.trainer.ensemble;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.trainer.data.LoadedDataset;
import io.ocellus.trainer.job.Evaluation;
import io.ocellus.trainer.job.JobSpec;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.trainer.training.EpochMetrics;
import io.ocellus.trainer.training.Evaluator;
import io.ocellus.trainer.training.SplitScore;
import io.ocellus.trainer.training.TrainingListener;
import io.ocellus.trainer.training.TrainingOutcome;
import io.ocellus.trainer.training.TrainingRun;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Trains the members of an ensemble job one after another, each a whole training run of its own architecture and
 * seed, then scores the ensemble (the mean of the members' probabilities) on the test split. The job's epochs are
 * numbered on across members (member 2's first epoch is the job's epoch {@code epochs + 1}), each marked with its
 * member as its phase, so progress, history and curve read as one job.
 */
public final class EnsembleTraining {

    private static final Logger LOG = Logger.getLogger(EnsembleTraining.class);

    private EnsembleTraining() {
    }

    /** How the job went, and each member's own score on the test split (those that finished). */
    public record Result(TrainingOutcome outcome, List<Evaluation.MemberScore> members) {
    }

    public static Result train(JobSpec spec, LoadedDataset data, List<Device> devices, BooleanSupplier stop,
                               TrainingListener listener) {
        EnsemblePlan plan = spec.ensemble();
        List<EpochMetrics> history = new ArrayList<>();
        List<byte[]> parameters = new ArrayList<>();
        List<Evaluation.MemberScore> scores = new ArrayList<>();
        for (int k = 0; k < plan.size(); k++) {
            JobSpec member = spec.member(k);
            int offset = k * spec.epochs();
            String phase = "member " + (k + 1) + " of " + plan.size();
            LOG.infof("job %s: training %s, a %s with seed %d", spec.jobId(), phase, member.architecture().name(),
                    member.seed());
            TrainingOutcome outcome = new TrainingRun(member, data, devices, stop, numbered(listener, offset, phase),
                    null).run(null);
            outcome.history().forEach(metrics -> history.add(numbered(metrics, offset, phase)));
            if (outcome.status() != TrainingStatus.COMPLETED && outcome.status() != TrainingStatus.EARLY_STOPPED) {
                return new Result(new TrainingOutcome(outcome.status(), phase + ": " + outcome.reason(), history,
                        offset + outcome.finalEpoch(), null, null), scores);
            }
            parameters.add(outcome.parameters());
            SplitScore test = outcome.test();
            scores.add(new Evaluation.MemberScore(member.architecture().name(), member.seed(), offset
                    + outcome.finalEpoch(), test.rank1(), test.rank5()));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Net> members = members(plan, spec.netOptions(), spec.inputShape(), data.classes().size(), manager);
            for (int k = 0; k < plan.size(); k++) {
                members.get(k).loadParameters(parameters.get(k), manager);
            }
            Net ensemble = Net.ensemble(members, manager);
            SplitScore test = new Evaluator().score(ensemble, data.test(), manager);
            double mean = scores.stream().mapToDouble(Evaluation.MemberScore::rank1).average().orElse(Double.NaN);
            String reason = test.count() == 0 ? null : String.format(Locale.ROOT,
                    "ensemble of %d: test rank-1 %.4f, its members' %s (mean %.4f)", plan.size(), test.rank1(),
                    scores.stream().map(s -> String.format(Locale.ROOT, "%.4f", s.rank1())).toList(), mean);
            LOG.infof("job %s: %s", spec.jobId(), reason);
            return new Result(new TrainingOutcome(TrainingStatus.COMPLETED, reason, history,
                    history.get(history.size() - 1).epoch(), ensemble.saveParameters(), test), scores);
        }
    }

    /**
     * The ensemble of {@code plan}'s members built for {@code classes} labels and initialised (fresh weights: load
     * the trained ones into it).
     */
    public static Net build(EnsemblePlan plan, NetOptions options, InputShape shape, int classes,
                            NDManager manager) {
        return Net.ensemble(members(plan, options, shape, classes, manager), manager);
    }

    private static List<Net> members(EnsemblePlan plan, NetOptions options, InputShape shape, int classes,
                                     NDManager manager) {
        List<Net> members = new ArrayList<>();
        for (int k = 0; k < plan.size(); k++) {
            Net member = plan.architectures().get(k).build(options, shape.channels(), shape.height(), shape.width(),
                    classes);
            member.block().initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(),
                    shape.width()));
            members.add(member);
        }
        return members;
    }

    private static TrainingListener numbered(TrainingListener listener, int offset, String phase) {
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double accuracy,
                                double imagesPerSecond) {
                listener.onBatch(offset + epoch, batch, batches, loss, accuracy, imagesPerSecond);
            }

            @Override
            public void onEpoch(EpochMetrics metrics, byte[] checkpoint) {
                listener.onEpoch(numbered(metrics, offset, phase), checkpoint);
            }
        };
    }

    private static EpochMetrics numbered(EpochMetrics m, int offset, String phase) {
        return new EpochMetrics(offset + m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(),
                m.valRank5(), m.learningRate(), m.imagesPerSecond(), m.seconds(), phase);
    }
}
