package io.ocellus.stack.imports;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.ocellus.schema.store.Buckets;
import io.ocellus.schema.store.ContentKeys;
import io.ocellus.schema.store.DatasetKeys;
import io.ocellus.stack.StackException;
import io.ocellus.vision.Orientation;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An orientation data set made from a data set in the store: each of up to {@code perSplit} images of every split
 * (taken from its labels in turn, so every label is represented) is emitted four times, turned 0, 90, 180 and 270
 * degrees clockwise ({@link Orientation}), labelled with the angle, in the split it came from. An orientation
 * classifier trained on it tells how far an image is turned.
 */
final class RotatedDataset implements SampleSource {

    private final MinioClient store;
    private final String source;
    private final int perSplit;
    private final Map<String, List<List<String>>> members;

    RotatedDataset(MinioClient store, String source, int perSplit) {
        this.store = store;
        this.source = source;
        this.perSplit = perSplit;
        this.members = members();
    }

    /** Per split, the image ids of each label, in key order. */
    private Map<String, List<List<String>>> members() {
        Map<String, Map<String, List<String>>> bySplit = new TreeMap<>();
        String prefix = DatasetKeys.prefix(source);
        try {
            for (Result<Item> result : store.listObjects(ListObjectsArgs.builder().bucket(Buckets.IMAGES)
                    .prefix(prefix).recursive(true).build())) {
                String[] parts = result.get().objectName().substring(prefix.length()).split("/");
                if (parts.length == 3) {
                    bySplit.computeIfAbsent(parts[0], split -> new TreeMap<>())
                            .computeIfAbsent(parts[1], label -> new ArrayList<>()).add(parts[2]);
                }
            }
        } catch (Exception e) {
            throw new StackException("import orientation", "cannot list data set " + source + " in the store: "
                    + e.getMessage());
        }
        if (bySplit.isEmpty()) {
            throw new StackException("import orientation", "data set " + source + " has no images in the store; "
                    + "import it first");
        }
        Map<String, List<List<String>>> labels = new TreeMap<>();
        bySplit.forEach((split, byLabel) -> labels.put(split, new ArrayList<>(byLabel.values())));
        return labels;
    }

    @Override
    public long expectedCount() {
        long images = 0;
        for (List<List<String>> labels : members.values()) {
            images += Math.min(perSplit, labels.stream().mapToLong(List::size).sum());
        }
        return images * Orientation.ANGLES.size();
    }

    @Override
    public String describe() {
        return "data set " + source + " from the store, up to " + perSplit + " images per split, each turned "
                + Orientation.ANGLES + " degrees";
    }

    @Override
    public void emit(Sink sink) throws IOException, InterruptedException {
        for (Map.Entry<String, List<List<String>>> split : members.entrySet()) {
            int taken = 0;
            for (int index = 0; taken < perSplit; index++) {
                boolean any = false;
                for (List<String> label : split.getValue()) {
                    if (index >= label.size() || taken >= perSplit) {
                        continue;
                    }
                    any = true;
                    taken++;
                    String imageId = label.get(index);
                    BufferedImage image = read(imageId);
                    for (int angle : Orientation.ANGLES) {
                        byte[] png = png(Orientation.rotated(image, angle));
                        String name = imageId.substring(0, Math.min(16, imageId.length())) + "-" + angle + ".png";
                        if (!sink.accept(Sample.ofBytes(split.getKey(), String.valueOf(angle), name, "image/png",
                                png))) {
                            return;
                        }
                    }
                }
                if (!any) {
                    break;
                }
            }
        }
    }

    private BufferedImage read(String imageId) throws IOException {
        byte[] bytes;
        try (InputStream in = store.getObject(GetObjectArgs.builder().bucket(Buckets.IMAGES)
                .object(ContentKeys.forImage(imageId)).build())) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read image " + imageId + " of " + source + ": " + e.getMessage(), e);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("image " + imageId + " of " + source + " is in no format this reader knows");
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
