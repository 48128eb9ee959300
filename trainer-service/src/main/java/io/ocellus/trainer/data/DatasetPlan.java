package io.ocellus.trainer.data;

import java.util.List;

/** A data set's classes (sorted; index = label value) and which members train, validate and test. */
public record DatasetPlan(String name, List<String> classes, SplitPlan splits) {

    public DatasetPlan {
        classes = List.copyOf(classes);
    }
}
