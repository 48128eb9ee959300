package io.ocellus.stack.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLayoutTest {

    @TempDir
    Path root;

    private Path file(String path) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
        return file;
    }

    @Test
    void labelFoldersPutEveryImageInOneSplit() throws Exception {
        file("cat/1.png");
        file("cat/2.JPG");
        file("dog/1.bmp");
        file("dog/notes.txt");
        file("dog/.hidden.png");
        file("README.md");

        FolderLayout layout = FolderLayout.detect(root, null);
        assertThat(layout.bySplit()).isFalse();
        assertThat(layout.folders()).extracting(FolderLayout.LabelFolder::split, FolderLayout.LabelFolder::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("train", "cat"),
                        org.assertj.core.groups.Tuple.tuple("train", "dog"));
        assertThat(FolderLayout.detect(root, "val").folders()).allMatch(f -> f.split().equals("val"));

        FolderSource source = new FolderSource(layout);
        assertThat(source.expectedCount()).isEqualTo(3);
        List<Sample> samples = new ArrayList<>();
        source.emit(samples::add);
        assertThat(samples).extracting(Sample::filename).containsExactly("1.png", "2.JPG", "1.bmp");
        assertThat(samples).extracting(Sample::contentType).containsExactly("image/png", "image/jpeg", "image/bmp");
        assertThat(samples.get(0).file()).isEqualTo(root.resolve("cat/1.png"));
        assertThat(samples.get(0).size()).isEqualTo("cat/1.png".length());
        assertThat(source.skipped()).containsExactly(root.resolve("dog/notes.txt"));
    }

    @Test
    void splitFoldersAreDetectedAndCanBeFiltered() throws Exception {
        file("train/cat/1.png");
        file("train/dog/1.png");
        file("val/cat/2.gif");
        file("test/dog/3.jpeg");

        FolderLayout layout = FolderLayout.detect(root, null);
        assertThat(layout.bySplit()).isTrue();
        assertThat(layout.folders()).extracting(f -> f.split() + "/" + f.label())
                .containsExactly("test/dog", "train/cat", "train/dog", "val/cat");
        assertThat(FolderLayout.detect(root, "train").folders()).extracting(FolderLayout.LabelFolder::label)
                .containsExactly("cat", "dog");
        List<Sample> samples = new ArrayList<>();
        new FolderSource(layout).emit(samples::add);
        assertThat(samples).extracting(Sample::split).containsExactly("test", "train", "train", "val");
    }

    @Test
    void ambiguousOrUnsafeTreesAreRefused() throws Exception {
        file("train/cat/1.png");
        file("cat/1.png");
        assertThatThrownBy(() -> FolderLayout.detect(root, null)).hasMessageContaining("mixes split folders [train]")
                .hasMessageContaining("label folders [cat]");

        Path other = root.resolve("other");
        Files.createDirectories(other.resolve("bad label"));
        Files.createDirectories(other.resolve("good"));
        assertThatThrownBy(() -> FolderLayout.detect(other, null)).hasMessageContaining("[bad label]")
                .hasMessageContaining("cannot be labels");
        assertThatThrownBy(() -> FolderLayout.detect(other.resolve("good"), null))
                .hasMessageContaining("has no sub-folders");
        assertThatThrownBy(() -> FolderLayout.detect(root.resolve("missing"), null))
                .hasMessageContaining("is not a directory");
    }
}
