package io.ocellus.trainer.data;

import java.util.List;

/** A data set ready to train on: class names (index = label value) and the three preprocessed splits. */
public record LoadedDataset(String name, List<String> classes, ImageSet train, ImageSet validation, ImageSet test,
                           SplitPlan plan) {

    public LoadedDataset {
        classes = List.copyOf(classes);
    }
}
