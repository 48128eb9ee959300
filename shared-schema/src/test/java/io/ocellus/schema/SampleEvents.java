package io.ocellus.schema;

import io.ocellus.schema.events.Activation;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.BatchNormPlacement;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.NetworkOptions;
import io.ocellus.schema.events.Padding;
import io.ocellus.schema.events.Splits;
import io.ocellus.schema.events.WeightInit;
import io.ocellus.schema.events.Augmentation;
import io.ocellus.schema.events.DeadLetter;
import io.ocellus.schema.events.DetectedBox;
import io.ocellus.schema.events.DetectionParams;
import io.ocellus.schema.events.EarlyStopping;
import io.ocellus.schema.events.HyperParameters;
import io.ocellus.schema.events.ImageClassified;
import io.ocellus.schema.events.ImageIngested;
import io.ocellus.schema.events.InputShape;
import io.ocellus.schema.events.LabelScore;
import io.ocellus.schema.events.ModelPromoted;
import io.ocellus.schema.events.ModelPublished;
import io.ocellus.schema.events.PromotionCause;
import io.ocellus.schema.events.ObjectsDetected;
import io.ocellus.schema.events.Optimizer;
import io.ocellus.schema.events.Preprocessing;
import io.ocellus.schema.events.PreprocessingOptions;
import io.ocellus.schema.events.ResumeSpec;
import io.ocellus.schema.events.Schedule;
import io.ocellus.schema.events.ScheduleType;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.Task;
import io.ocellus.schema.events.TestMetrics;
import io.ocellus.schema.events.TrainingCancelRequested;
import io.ocellus.schema.events.TrainingProgress;
import io.ocellus.schema.events.TrainingRequested;
import io.ocellus.schema.events.TrainingStatus;
import io.ocellus.schema.events.TransferSpec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Realistic events, one story: a Fashion-MNIST image is ingested, a MiniVGGNet is trained on the dataset,
 * published, and used to classify and detect. Copy freely into other modules' tests.
 */
public final class SampleEvents {

    public static final String IMAGE_ID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public static final String MODEL_SHA256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    public static final String JOB_ID = "job-20250314-minivggnet-fmnist";
    public static final String MODEL = "minivggnet-fmnist";
    public static final List<String> FASHION_LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private SampleEvents() {
    }

    public static ImageIngested imageIngested() {
        return ImageIngested.of(IMAGE_ID, "ocellus-images", "sha256/9f/" + IMAGE_ID, "image/png", 2_412L, 28, 28, 1,
                "fashion-mnist", "Ankle boot", Split.TRAIN, Set.of(Task.CLASSIFY, Task.DETECT),
                Instant.parse("2025-03-14T09:26:53.589Z"));
    }

    /** Only the required fields: an unlabelled upload that nothing downstream has asked for yet. */
    public static ImageIngested imageIngestedMinimal() {
        return ImageIngested.of(IMAGE_ID, "ocellus-images", "sha256/9f/" + IMAGE_ID, "image/jpeg", 48_913L, 640,
                480, 3, null, null, null, Set.of(), Instant.parse("2025-03-14T09:27:00Z"));
    }

    public static TrainingRequested trainingRequested() {
        return TrainingRequested.of(JOB_ID, "fashion-mnist", Architecture.MINIVGGNET, new InputShape(1, 28, 28),
                new HyperParameters(40, 64, Optimizer.NESTEROV, 0.01, 0.9, 5e-4, 42L),
                new Schedule(ScheduleType.STEP, 0.5, 10, null, null, 2),
                new Augmentation(10.0, 0.1, 0.1, 0.2, 0.2, true),
                new EarlyStopping("val_loss", 5, true),
                new TransferSpec("shallownet-fmnist", 2, true),
                null, Instant.parse("2025-03-14T10:00:00Z"))
                .withModelName("fmnist-vgg")
                .withNetwork(new NetworkOptions(Activation.ELU, 1.0, BatchNormPlacement.BEFORE_ACTIVATION,
                        WeightInit.XAVIER, 0.4, List.of(3, 4, 6, 3), List.of(64, 256, 512, 1024, 2048),
                        Padding.SAME, Head.DENSE))
                .withPreprocessing(new PreprocessingOptions(true, 1.0 / 255, List.of(120.7)))
                .withSplits(new Splits(0.1, 0.1));
    }

    /** Resuming the job above from its epoch-25 checkpoint with a lower learning rate. */
    public static TrainingRequested trainingResumed() {
        return TrainingRequested.of(JOB_ID + "-r1", "fashion-mnist", Architecture.MINIVGGNET,
                new InputShape(1, 28, 28), new HyperParameters(40, 64, Optimizer.SGD, 0.001, null, null, null),
                null, null, null, null, new ResumeSpec(JOB_ID, 25, 0.001), Instant.parse("2025-03-14T11:30:00Z"));
    }

    public static TrainingCancelRequested trainingCancelRequested() {
        return TrainingCancelRequested.of(JOB_ID, "validation loss has stalled", Instant.parse("2025-03-14T10:20:00Z"));
    }

    public static TrainingProgress trainingProgress() {
        return TrainingProgress.of(JOB_ID, TrainingStatus.RUNNING, 12, 40, 0.2871, 0.3154, 0.8952, 0.8861, 0.9978,
                0.005, 1843.6, null, Instant.parse("2025-03-14T10:07:41.250Z"));
    }

    public static TrainingProgress trainingDiverged() {
        return TrainingProgress.of(JOB_ID, TrainingStatus.DIVERGED, 3, 40, null, null, 0.1, 0.1, null, 0.5, 1901.2,
                "training loss became NaN at epoch 3; lower the learning rate", Instant.parse("2025-03-14T10:02:10Z"));
    }

    /** Version 3 of the model above became current, replacing version 2. */
    public static ModelPromoted modelPromoted() {
        return ModelPromoted.of(MODEL, 3, 2, PromotionCause.POLICY, "test rank-1 0.9312 >= current 0.9187",
                Instant.parse("2025-03-14T11:02:10Z"));
    }

    public static ModelPublished modelPublished() {
        return ModelPublished.of(MODEL, 3, MODEL + "/3/model.onnx", MODEL_SHA256, new InputShape(1, 28, 28),
                FASHION_LABELS, new Preprocessing(28, 28, false, 1.0 / 255, null), new TestMetrics(0.9312, 0.9987),
                JOB_ID, Instant.parse("2025-03-14T10:41:05Z"));
    }

    /** An ImageNet-style colour model: mean subtraction, aspect-preserving resize, no rank-5 score known. */
    public static ModelPublished modelPublishedRgb() {
        return ModelPublished.of("resnet-animals", 1, "resnet-animals/1/model.onnx", MODEL_SHA256,
                new InputShape(3, 64, 64), List.of("cat", "dog", "panda"),
                new Preprocessing(64, 64, true, 1.0, List.of(123.68, 116.779, 103.939)), new TestMetrics(0.78, null),
                null, Instant.parse("2025-03-15T08:00:00Z"));
    }

    public static ImageClassified imageClassified() {
        return ImageClassified.of(IMAGE_ID, MODEL, 3, List.of(new LabelScore("Ankle boot", 0.9731),
                        new LabelScore("Sneaker", 0.0214), new LabelScore("Sandal", 0.0049)), 3.8,
                Instant.parse("2025-03-14T10:42:00.017Z"));
    }

    public static ObjectsDetected objectsDetected() {
        return ObjectsDetected.of(IMAGE_ID, MODEL, 3, new DetectionParams(28, 28, 4, 1.5, 28, 0.9, 0.3, false),
                List.of(new DetectedBox(12, 40, 96, 124, "Ankle boot", 0.9812),
                        new DetectedBox(300, 210, 420, 330, "Bag", 0.9177)),
                "annotated/" + IMAGE_ID + "/" + MODEL + "-3.png", 18_432L, 412.7,
                Instant.parse("2025-03-14T10:42:01.503Z"));
    }

    /** Nothing above the score threshold: still a result, with no boxes and no annotated image. */
    public static ObjectsDetected objectsDetectedNone() {
        return ObjectsDetected.of(IMAGE_ID, MODEL, 3, new DetectionParams(28, 28, 8, 2.0, 28, 0.95, 0.5, true),
                List.of(), null, 2_048L, 35.2, Instant.parse("2025-03-14T10:42:02Z"));
    }

    public static DeadLetter deadLetter() {
        byte[] original = "{\"schemaVersion\":2,\"imageId\":\"9f86\"}".getBytes(StandardCharsets.UTF_8);
        return DeadLetter.of(Topics.IMAGES_INGESTED, 2, 1_337L, IMAGE_ID, original,
                InvalidEventException.class.getName(),
                "$.schemaVersion: schemaVersion must be 1 (unknown schema version 2)", ConsumerGroups.TRAINER,
                Instant.parse("2025-03-14T10:43:00Z"));
    }

    /** Every sample above, for tests that hold for all events. */
    public static List<Object> all() {
        return List.of(imageIngested(), imageIngestedMinimal(), trainingRequested(), trainingResumed(),
                trainingProgress(), trainingDiverged(), modelPublished(), modelPublishedRgb(), imageClassified(),
                objectsDetected(), objectsDetectedNone(), deadLetter());
    }
}
