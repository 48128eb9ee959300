package io.ocellus.inference.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnsemblesTest {

    @Test
    void parsesNamedMemberLists() {
        assertThat(Ensembles.parse(" digits = lenet-a, lenet-b ;clothes=vgg-1,vgg-2,vgg-3;"))
                .containsEntry("digits", List.of("lenet-a", "lenet-b"))
                .containsEntry("clothes", List.of("vgg-1", "vgg-2", "vgg-3"))
                .hasSize(2);
        assertThat(Ensembles.parse("")).isEmpty();
    }

    @Test
    void anEnsembleNeedsANameAndTwoMembers() {
        assertThatThrownBy(() -> Ensembles.parse("solo=lenet-a")).hasMessageContaining("at least two models");
        assertThatThrownBy(() -> Ensembles.parse("=a,b")).hasMessageContaining("must be name=model,model");
        assertThatThrownBy(() -> Ensembles.parse("digits")).hasMessageContaining("must be name=model,model");
    }
}
