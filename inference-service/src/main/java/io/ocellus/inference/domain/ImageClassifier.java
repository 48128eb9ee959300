package io.ocellus.inference.domain;

import io.ocellus.serving.ServedModel;
import io.ocellus.serving.ModelServing;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.schema.events.LabelScore;
import io.ocellus.vision.TenCrop;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Classifies decoded images with a served model or a named ensemble: each image goes through the model's shared
 * preprocessor (once, or as ten crops whose predictions are averaged), joins the model's dynamic batch, and
 * comes back as its top-k labels.
 */
@ApplicationScoped
public class ImageClassifier {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ModelServing serving;
    private final Ensembles ensembles;
    private final ModelCatalog catalog;
    private final InferenceMetrics metrics;

    public ImageClassifier(ModelServing serving, Ensembles ensembles, ModelCatalog catalog, InferenceMetrics metrics) {
        this.serving = serving;
        this.ensembles = ensembles;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    /** A named image to classify. */
    public record Named(String name, BufferedImage image) {
    }

    public Classification classify(String model, List<Named> images, int topK, boolean tenCrop) {
        return run(model, images.size(), i -> images.get(i).name(),
                (served, i) -> submit(served, images.get(i).image(), tenCrop), topK);
    }

    /**
     * Classifies {@code count} samples already preprocessed for the model, laid out one after another in
     * {@code values} (channels x height x width each), as a client that prepares its own tensors sends them.
     * Throws {@link IllegalArgumentException} when the values are not {@code count} samples of the model's size.
     */
    public Classification classifyTensors(String model, float[] values, int count, int topK) {
        return run(model, count, i -> null, (served, i) -> {
            int size = served.preprocessor().size();
            if ((long) size * count != values.length) {
                throw new IllegalArgumentException("model " + served.name() + " takes samples of "
                        + size + " values (" + served.preprocessor().channels() + "x" + served.preprocessor().height()
                        + "x" + served.preprocessor().width() + "); the tensor holds " + values.length + " values, "
                        + "not a whole number of them");
            }
            float[] sample = new float[size];
            System.arraycopy(values, i * size, sample, 0, size);
            return queue(served, List.of(sample));
        }, topK);
    }

    private Classification run(String model, int count, IntFunction<String> names,
                               BiFunction<ServedModel, Integer, Pending> submit, int topK) {
        long started = System.nanoTime();
        List<String> members = ensembles.members(model).orElse(List.of(model));
        List<ModelServing.Lease> leases = new ArrayList<>();
        try {
            for (String member : members) {
                leases.add(serving.lease(member).orElseThrow(() -> unavailable(member)));
            }
            List<String> labels = leases.get(0).model().description().labels();
            for (ModelServing.Lease lease : leases) {
                if (!lease.model().description().labels().equals(labels)) {
                    throw new ModelUnavailableException(503, "ensemble " + model + " cannot average "
                            + lease.model().name() + ": its labels differ from " + leases.get(0).model().name()
                            + "'s");
                }
            }
            // every view of every sample goes into the queues before any answer is awaited, so that one request's
            // samples share batches instead of each waiting out the batching delay alone
            List<List<Pending>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<Pending> views = new ArrayList<>();
                for (ModelServing.Lease lease : leases) {
                    views.add(submit.apply(lease.model(), i));
                }
                pending.add(views);
            }
            List<Classification.ImageResult> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                float[] mean = new float[labels.size()];
                for (Pending member : pending.get(i)) {
                    float[] probabilities = member.await();
                    for (int k = 0; k < mean.length; k++) {
                        mean[k] += probabilities[k] / leases.size();
                    }
                }
                results.add(new Classification.ImageResult(names.apply(i), top(mean, labels, topK)));
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            metrics.request(model, latency);
            List<Classification.Member> used = leases.stream()
                    .map(l -> new Classification.Member(l.model().name(), l.model().version())).toList();
            Integer version = ensembles.members(model).isPresent() ? null : used.get(0).version();
            return new Classification(model, version, used, results, latency.toNanos() / 1e6);
        } finally {
            leases.forEach(ModelServing.Lease::close);
        }
    }

    /** One image's class probabilities from one model: a single pass, or the mean over ten crops. */
    public float[] probabilities(ServedModel model, BufferedImage image, boolean tenCrop) {
        return submit(model, image, tenCrop).await();
    }

    /**
     * Queues one image with the model and returns at once: the probabilities come when its batch has run, or the
     * failure the waiting {@link #probabilities} would throw. A stream queues a whole poll's images this way, so
     * that they share batches without a thread waiting for each.
     */
    public CompletableFuture<float[]> probabilitiesLater(ServedModel model, BufferedImage image) {
        Pending pending = submit(model, image, false);
        return CompletableFuture.allOf(pending.views.toArray(CompletableFuture[]::new))
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((done, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        metrics.error(model.name(), "timeout");
                        throw new ModelUnavailableException(503, "model " + model.name() + " did not answer within "
                                + TIMEOUT.toSeconds() + " s");
                    }
                    return pending.await();
                });
    }

    /** Queues the image's views (one, or ten crops) with the model; {@link Pending#await} averages the answers. */
    private Pending submit(ServedModel model, BufferedImage image, boolean tenCrop) {
        List<BufferedImage> views = tenCrop
                ? TenCrop.crops(image, model.preprocessor().width(), model.preprocessor().height())
                : List.of(image);
        List<float[]> inputs = new ArrayList<>(views.size());
        for (BufferedImage view : views) {
            inputs.add(model.preprocessor().apply(view));
        }
        return queue(model, inputs);
    }

    /** Queues preprocessed views of one sample with the model. */
    private Pending queue(ServedModel model, List<float[]> inputs) {
        List<CompletableFuture<float[]>> queued = new ArrayList<>(inputs.size());
        for (float[] input : inputs) {
            try {
                queued.add(model.submit(input));
            } catch (RejectedExecutionException e) {
                metrics.error(model.name(), "overloaded");
                throw new ModelUnavailableException(503, "model " + model.name() + " is overloaded: "
                        + e.getMessage());
            }
        }
        return new Pending(model, queued);
    }

    /** The queued views of one image for one model. */
    private final class Pending {
        private final ServedModel model;
        private final List<CompletableFuture<float[]>> views;

        Pending(ServedModel model, List<CompletableFuture<float[]>> views) {
            this.model = model;
            this.views = views;
        }

        float[] await() {
            float[] mean = null;
            for (CompletableFuture<float[]> view : views) {
                float[] p = ImageClassifier.this.await(model, view);
                if (mean == null) {
                    mean = new float[p.length];
                }
                for (int k = 0; k < p.length; k++) {
                    mean[k] += p[k] / views.size();
                }
            }
            return mean;
        }
    }

    private float[] await(ServedModel model, CompletableFuture<float[]> result) {
        try {
            return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException(503, "interrupted while waiting for " + model.name());
        } catch (TimeoutException e) {
            metrics.error(model.name(), "timeout");
            throw new ModelUnavailableException(503, "model " + model.name() + " did not answer within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            metrics.error(model.name(), "runtime");
            throw new ModelUnavailableException(503, "model " + model.name() + " failed: "
                    + e.getCause().getMessage());
        }
    }

    /** The {@code k} most probable labels, best first. */
    public static List<LabelScore> top(float[] probabilities, List<String> labels, int k) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
        List<LabelScore> best = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            best.add(new LabelScore(labels.get(order[i]), probabilities[order[i]]));
        }
        return best;
    }

    /** 404 for a name nobody knows; 503 for a known model that is not served now, with the reason. */
    private ModelUnavailableException unavailable(String name) {
        boolean known;
        try {
            known = catalog.find(name).isPresent();
        } catch (RuntimeException e) {
            return new ModelUnavailableException(503, "model " + name + " is not served and the registry cannot be "
                    + "read: " + e.getMessage());
        }
        if (!known) {
            return new ModelUnavailableException(404, "no model named " + name
                    + (ensembles.all().isEmpty() ? "" : " and no ensemble of that name"));
        }
        return new ModelUnavailableException(503, serving.failure(name).map(f -> "model " + name + ": " + f)
                .orElse("model " + name + " has no current version loaded yet"));
    }
}
