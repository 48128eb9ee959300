package io.ocellus.trainer.data;

import java.util.List;

/** A data set's classes (sorted; index = label value) and which members train, validate and test. */
public record DatasetPlan(String name, List<String> classes, SplitPlan splits) {

    public DatasetPlan {
        classes = List.copyOf(classes);
    }

    /** The class index of each of {@code members}, in order. */
    public int[] labels(List<Member> members) {
        int[] labels = new int[members.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.indexOf(members.get(i).label());
        }
        return labels;
    }
}
