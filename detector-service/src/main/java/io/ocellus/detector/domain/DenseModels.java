package io.ocellus.detector.domain;

import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.store.Buckets;
import io.ocellus.serving.ServedModel;
import io.ocellus.vision.onnx.DenseClassifier;
import io.ocellus.vision.onnx.NotFullyConvolutionalException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The fully convolutional form of each served model that has one (a valid-padding net), made once per version from
 * the same ONNX file the registry serves; a model without one is searched window by window, and the log says why
 * once. {@code ocellus.detector.dense=false} turns the dense search off.
 *
 * <p>A search holds its form through a {@link Lease}. When another version of the model is asked for — a newer one,
 * or an older one after a rollback — the form in use becomes that version's, and the forms of other versions are
 * closed as soon as no search holds them, so each promotion frees the native session it replaced.
 */
@ApplicationScoped
public class DenseModels {

    private static final Logger LOG = Logger.getLogger(DenseModels.class);

    /** One version's dense form (null classifier: it has none) and how many searches hold it. */
    private static final class Form {
        private final int version;
        private final DenseClassifier classifier;
        private int users;
        private boolean retired;

        Form(int version, DenseClassifier classifier) {
            this.version = version;
            this.classifier = classifier;
        }
    }

    /** A search's hold on a dense form; closing it lets a retired form's native session go. */
    public final class Lease implements AutoCloseable {
        private final String name;
        private final Form form;
        private boolean closed;

        private Lease(String name, Form form) {
            this.name = name;
            this.form = form;
        }

        public DenseClassifier classifier() {
            return form.classifier;
        }

        @Override
        public void close() {
            synchronized (DenseModels.this) {
                if (closed) {
                    return;
                }
                closed = true;
                form.users--;
                closeIfIdle(name, form);
            }
        }
    }

    private final ObjectStore store;
    private final boolean enabled;
    private final int threads;
    /** Per model name, its forms by version: the current one and retired ones still in use. */
    private final Map<String, Map<Integer, Form>> forms = new HashMap<>();
    private final Map<String, Integer> current = new HashMap<>();

    public DenseModels(ObjectStore store,
                       @ConfigProperty(name = "ocellus.detector.dense", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "ocellus.serving.threads", defaultValue = "0") int threads) {
        this.store = store;
        this.enabled = enabled;
        this.threads = threads;
    }

    /** A hold on the dense form of this served version, if it has one; the caller closes it after its search. */
    public synchronized Optional<Lease> of(ServedModel model) {
        if (!enabled) {
            return Optional.empty();
        }
        Map<Integer, Form> versions = forms.computeIfAbsent(model.name(), name -> new HashMap<>());
        Form form = versions.get(model.version());
        if (form == null) {
            form = new Form(model.version(), open(model));
            versions.put(model.version(), form);
        }
        form.retired = false;
        Integer previous = current.put(model.name(), model.version());
        if (previous != null && previous != model.version()) {
            retireAllBut(model.name(), model.version());
        }
        if (form.classifier == null) {
            return Optional.empty();
        }
        form.users++;
        return Optional.of(new Lease(model.name(), form));
    }

    private void retireAllBut(String name, int version) {
        for (Iterator<Form> it = forms.get(name).values().iterator(); it.hasNext(); ) {
            Form form = it.next();
            if (form.version != version) {
                form.retired = true;
                if (form.users == 0) {
                    it.remove();
                    close(name, form);
                }
            }
        }
    }

    private void closeIfIdle(String name, Form form) {
        if (form.retired && form.users == 0) {
            Map<Integer, Form> versions = forms.get(name);
            if (versions != null && versions.get(form.version) == form) {
                versions.remove(form.version);
            }
            close(name, form);
        }
    }

    private static void close(String name, Form form) {
        if (form.classifier != null) {
            form.classifier.close();
            LOG.debugf("model %s version %d: dense session closed", name, form.version);
        }
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
        forms.forEach((name, versions) -> versions.values().forEach(form -> close(name, form)));
        forms.clear();
        current.clear();
    }
}
