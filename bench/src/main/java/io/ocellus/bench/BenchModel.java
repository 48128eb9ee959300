package io.ocellus.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.minio.MinioClient;
import io.ocellus.commons.models.ModelCatalog;
import io.ocellus.commons.storage.ObjectStore;
import io.ocellus.schema.EventSerde;
import io.ocellus.schema.Topics;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.TestMetrics;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.ModelEntry;
import io.ocellus.schema.store.ModelKeys;
import io.ocellus.trainer.engine.DjlSetup;
import io.ocellus.trainer.export.OnnxExporter;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.vision.Preprocessor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model both sides of the inference benchmark run: a net of the trainer's catalogue exported by the trainer's
 * exporter (weights random: speed does not depend on them), registered in the stack's store as the next version
 * of model {@code bench-<architecture>}, made current, and announced on Kafka, as the trainer publishes. One name
 * per architecture keeps the services from loading every model an earlier run published.
 */
record BenchModel(String name, byte[] onnx, int channels, int height, int width) {

    static BenchModel export(Architecture architecture, int channels, int size) {
        DjlSetup.start(DjlSetup.defaultCacheDir(), 1);
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            labels.add(String.valueOf(k));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Net net = Architectures.of(architecture).build(NetOptions.defaults(), channels, size, size, labels.size());
            net.block().initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
            String name = "bench-" + architecture.value();
            byte[] onnx = new OnnxExporter().export(net, name, Map.of()).toByteArray();
            return new BenchModel(name, onnx, channels, size, size);
        }
    }

    /** Publishes the model as the next version of its name and answers that version. */
    int publish(String s3Endpoint, String accessKey, String secretKey, String kafkaBootstrap,
                Map<String, Object> kafkaSecurity) throws Exception {
        ObjectStore store = new ObjectStore(MinioClient.builder().endpoint(s3Endpoint)
                .credentials(accessKey, secretKey).build());
        ModelCatalog catalog = new ModelCatalog(store);
        ModelEntry entry = catalog.find(name).orElse(ModelEntry.empty(name));
        int version = entry.nextVersion();
        store.put(Buckets.MODELS, ModelKeys.onnx(name, version), onnx, "application/octet-stream");
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            labels.add(String.valueOf(k));
        }
        ModelPublished published = ModelPublished.of(name, version, ModelKeys.onnx(name, version),
                ContentKeys.sha256(onnx),
                new InputShape(channels, height, width), labels, Preprocessor.unitScale(width, height),
                new TestMetrics(0.5, null), null, Instant.now());
        catalog.save(entry.withVersion(published).promote(version));
        Map<String, Object> config = new java.util.HashMap<>(kafkaSecurity);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MODELS_PUBLISHED, name,
                    EventSerde.instance().serialize(published))).get();
        }
        return version;
    }
}
