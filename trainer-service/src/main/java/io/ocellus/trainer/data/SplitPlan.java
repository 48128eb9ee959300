package io.ocellus.trainer.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which members train, validate and test. A data set's own val and test splits are used as they are; when one is
 * missing, that fraction of each label's train images is held out instead, chosen by a seeded shuffle of the
 * members in image-id order, so the same request always holds out the same images.
 */
public record SplitPlan(List<Member> train, List<Member> validation, List<Member> test, boolean carvedValidation,
                        boolean carvedTest) {

    public static final String TRAIN = "train";
    public static final String VAL = "val";
    public static final String TEST = "test";

    public static SplitPlan of(List<Member> members, double validationFraction, double testFraction, long seed) {
        Map<String, List<Member>> bySplit = members.stream()
                .collect(Collectors.groupingBy(Member::split, TreeMap::new, Collectors.toList()));
        List<Member> train = new ArrayList<>(bySplit.getOrDefault(TRAIN, List.of()));
        List<Member> validation = new ArrayList<>(bySplit.getOrDefault(VAL, List.of()));
        List<Member> test = new ArrayList<>(bySplit.getOrDefault(TEST, List.of()));
        boolean carveValidation = validation.isEmpty();
        boolean carveTest = test.isEmpty();
        if (carveValidation || carveTest) {
            Map<String, List<Member>> byLabel = train.stream()
                    .sorted(Comparator.comparing(Member::imageId))
                    .collect(Collectors.groupingBy(Member::label, TreeMap::new, Collectors.toList()));
            train.clear();
            Random random = new Random(seed);
            for (List<Member> label : byLabel.values()) {
                List<Member> shuffled = new ArrayList<>(label);
                java.util.Collections.shuffle(shuffled, random);
                int held = 0;
                if (carveTest) {
                    int n = holdOut(shuffled.size(), testFraction);
                    test.addAll(shuffled.subList(held, held + n));
                    held += n;
                }
                if (carveValidation) {
                    int n = holdOut(shuffled.size(), validationFraction);
                    validation.addAll(shuffled.subList(held, held + n));
                    held += n;
                }
                train.addAll(shuffled.subList(held, shuffled.size()));
            }
        }
        return new SplitPlan(List.copyOf(train), List.copyOf(validation), List.copyOf(test), carveValidation,
                carveTest);
    }

    /** At least one image of a label when it has three or more, so every class is validated and tested. */
    private static int holdOut(int size, double fraction) {
        int n = (int) Math.round(size * fraction);
        return size >= 3 ? Math.max(1, n) : 0;
    }
}
