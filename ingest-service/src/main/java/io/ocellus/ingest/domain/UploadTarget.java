package io.ocellus.ingest.domain;

import io.ocellus.vision.ImageRejectedException;
import io.ocellus.schema.events.Split;
import io.ocellus.schema.events.Task;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where an uploaded image belongs: an optional data set with its label and split, and the tasks it is for. Data-set
 * name and label become object-key segments ({@code datasets/<name>/<split>/<label>/<imageId>}), so both must match
 * a safe pattern: no slashes, no dot-dot, nothing a shell or a URL would mangle.
 */
public record UploadTarget(String dataset, String label, Split split, Set<Task> tasks) {

    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public UploadTarget {
        tasks = tasks == null ? Set.of() : Set.copyOf(tasks);
    }

    public boolean inDataset() {
        return dataset != null;
    }

    /** Builds a target from request fields, refusing with a 400 and the reason anything unsafe or unknown. */
    public static UploadTarget parse(String dataset, String label, String split, String tasks) {
        String name = blankToNull(dataset);
        String labelName = blankToNull(label);
        String splitName = blankToNull(split);
        if (name != null) {
            requireSafe("dataset", name);
        }
        if (labelName != null) {
            requireSafe("label", labelName);
        }
        if (name == null && (labelName != null || splitName != null)) {
            throw new ImageRejectedException(400, "dataset-required", "label and split need a dataset");
        }
        if (name != null && labelName == null) {
            throw new ImageRejectedException(400, "label-required",
                    "an image in dataset '" + name + "' needs a label");
        }
        Split parsedSplit = name == null ? null : splitName == null ? Split.TRAIN : parseSplit(splitName);
        return new UploadTarget(name, labelName, parsedSplit, parseTasks(tasks));
    }

    /**
     * The target of an archive upload: data set, default split and tasks from the request; each entry's label (and
     * split, where the archive has split folders) comes from its folders through {@link #withLabel}.
     */
    public static UploadTarget forArchive(String dataset, String split, String tasks) {
        requireSafe("dataset", dataset);
        String splitName = blankToNull(split);
        return new UploadTarget(dataset, null, splitName == null ? Split.TRAIN : parseSplit(splitName),
                parseTasks(tasks));
    }

    /** The same target with another label, for archives whose folders name the label. */
    public UploadTarget withLabel(String newLabel, Split newSplit) {
        requireSafe("label", newLabel);
        return new UploadTarget(dataset, newLabel, newSplit == null ? split : newSplit, tasks);
    }

    public static Split parseSplit(String split) {
        return Arrays.stream(Split.values()).filter(s -> s.value().equals(split.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new ImageRejectedException(400, "unknown-split", "unknown split '" + split
                        + "': expected one of train, val, test"));
    }

    static Set<Task> parseTasks(String tasks) {
        if (tasks == null || tasks.isBlank()) {
            return Set.of();
        }
        Set<Task> parsed = EnumSet.noneOf(Task.class);
        for (String task : tasks.split(",")) {
            String wanted = task.trim().toLowerCase(Locale.ROOT);
            parsed.add(Arrays.stream(Task.values()).filter(t -> t.value().equals(wanted)).findFirst()
                    .orElseThrow(() -> new ImageRejectedException(400, "unknown-task", "unknown task '" + task.trim()
                            + "': expected classify and/or detect")));
        }
        return parsed;
    }

    public static void requireSafe(String field, String value) {
        if (!SAFE_NAME.matcher(value).matches() || value.contains("..")) {
            throw new ImageRejectedException(400, "unsafe-" + field, field + " '" + value + "' is not allowed: use "
                    + "1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return inDataset() ? dataset + "/" + split.value() + "/" + label + " " + tasks.stream().map(Task::value)
                .collect(Collectors.joining(",", "[", "]")) : "no dataset";
    }
}
