package io.ocellus.detector.domain;

import io.ocellus.commons.storage.Buckets;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.serving.ServedModel;
import io.ocellus.vision.onnx.DenseClassifier;
import io.ocellus.vision.onnx.NotFullyConvolutionalException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fully convolutional form of each served model that has one (a valid-padding net), made once per version from
 * the same ONNX file the registry serves; a model without one is searched window by window, and the log says why
 * once. {@code ocellus.detector.dense=false} turns the dense search off.
 */
@ApplicationScoped
public class DenseModels {

    private static final Logger LOG = Logger.getLogger(DenseModels.class);

    private record Form(int version, DenseClassifier classifier) {
    }

    private final ObjectStore store;
    private final boolean enabled;
    private final int threads;
    private final Map<String, Form> forms = new HashMap<>();
    private final List<DenseClassifier> retired = new ArrayList<>();

    public DenseModels(ObjectStore store,
                       @ConfigProperty(name = "ocellus.detector.dense", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "ocellus.serving.threads", defaultValue = "0") int threads) {
        this.store = store;
        this.enabled = enabled;
        this.threads = threads;
    }

    /** The dense form of this served version, if it has one. */
    public synchronized Optional<DenseClassifier> of(ServedModel model) {
        if (!enabled) {
            return Optional.empty();
        }
        Form form = forms.get(model.name());
        if (form != null && model.version() < form.version()) {
            // a request still holding the version being swapped out: its windows, not the newer net
            return Optional.empty();
        }
        if (form == null || form.version() != model.version()) {
            if (form != null && form.classifier() != null) {
                // a request may still be running it: closed with the service, not now
                retired.add(form.classifier());
            }
            form = new Form(model.version(), open(model));
            forms.put(model.name(), form);
        }
        return Optional.ofNullable(form.classifier());
    }

    private DenseClassifier open(ServedModel model) {
        try {
            byte[] onnx = store.get(Buckets.MODELS, model.description().onnxKey());
            DenseClassifier dense = DenseClassifier.open(onnx, model.description().inputShape().channels(), threads);
            LOG.infof("model %s version %d runs densely: stride %d over whole pyramid levels", model.name(),
                    model.version(), dense.stride());
            return dense;
        } catch (NotFullyConvolutionalException e) {
            LOG.infof("model %s version %d is searched window by window: %s", model.name(), model.version(),
                    e.getMessage());
            return null;
        } catch (RuntimeException e) {
            LOG.warnf("model %s version %d: no dense form (%s); searching window by window", model.name(),
                    model.version(), e.toString());
            return null;
        }
    }

    @PreDestroy
    synchronized void close() {
        forms.values().stream().filter(form -> form.classifier() != null).forEach(form -> form.classifier().close());
        forms.clear();
        retired.forEach(DenseClassifier::close);
        retired.clear();
    }
}
