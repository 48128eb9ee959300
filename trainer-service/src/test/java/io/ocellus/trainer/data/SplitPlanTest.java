package io.ocellus.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SplitPlanTest {

    @Test
    void missingSplitsAreHeldOutPerLabelAndTheSameEveryTime() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            members.add(new Member("train", i % 2 == 0 ? "even" : "odd", String.format("%03d", i)));
        }
        SplitPlan plan = SplitPlan.of(members, 0.1, 0.2, 42);

        assertThat(plan.carvedValidation()).isTrue();
        assertThat(plan.carvedTest()).isTrue();
        assertThat(plan.validation()).hasSize(10).filteredOn(m -> m.label().equals("even")).hasSize(5);
        assertThat(plan.test()).hasSize(20).filteredOn(m -> m.label().equals("odd")).hasSize(10);
        assertThat(plan.train()).hasSize(70);
        Set<String> all = new HashSet<>();
        for (List<Member> split : List.of(plan.train(), plan.validation(), plan.test())) {
            split.forEach(m -> assertThat(all.add(m.imageId())).as("each image in one split").isTrue());
        }
        assertThat(SplitPlan.of(members, 0.1, 0.2, 42)).isEqualTo(plan);
        assertThat(SplitPlan.of(members, 0.1, 0.2, 43).test()).isNotEqualTo(plan.test());
    }

    @Test
    void existingSplitsAreKept() {
        List<Member> members = List.of(new Member("train", "a", "1"), new Member("train", "b", "2"),
                new Member("val", "a", "3"), new Member("test", "b", "4"));
        SplitPlan plan = SplitPlan.of(members, 0.5, 0.5, 1);

        assertThat(plan.carvedValidation()).isFalse();
        assertThat(plan.carvedTest()).isFalse();
        assertThat(plan.train()).hasSize(2);
        assertThat(plan.validation()).extracting(Member::imageId).containsExactly("3");
        assertThat(plan.test()).extracting(Member::imageId).containsExactly("4");
    }
}
