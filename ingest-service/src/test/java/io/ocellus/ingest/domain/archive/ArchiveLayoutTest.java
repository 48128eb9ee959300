package io.ocellus.ingest.domain.archive;

import io.ocellus.vision.ImageRejectedException;
import io.ocellus.ingest.domain.UploadTarget;
import io.ocellus.schema.events.Split;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layout rule on paths alone: which shape the first image fixes, and what later entries must match. */
class ArchiveLayoutTest {

    private final UploadTarget base = UploadTarget.parse("ds", "placeholder", "val", null);

    @Test
    void labelFoldersTakeTheRequestedSplit() {
        ArchiveLayout layout = new ArchiveLayout(base);
        assertPlaced(layout, "cat/1.png", Split.VAL, "cat");
        assertPlaced(layout, "./dog/2.png", Split.VAL, "dog");
        assertRejected(layout, "train/cat/3.png", "wrong-depth");
    }

    @Test
    void splitFoldersWinOverTheRequestedSplit() {
        ArchiveLayout layout = new ArchiveLayout(base);
        assertPlaced(layout, "Train/cat/1.png", Split.TRAIN, "cat");
        assertPlaced(layout, "test/dog/2.png", Split.TEST, "dog");
        assertRejected(layout, "validation/dog/3.png", "unknown-split");
        assertRejected(layout, "cat/4.png", "wrong-depth");
    }

    @Test
    void oneTopFolderMayWrapLabels() {
        ArchiveLayout layout = new ArchiveLayout(base);
        assertPlaced(layout, "mydata/cat/1.png", Split.VAL, "cat");
        assertRejected(layout, "other/cat/2.png", "outside-top-folder");
        assertRejected(layout, "mydata/train/cat/3.png", "wrong-depth");
    }

    @Test
    void oneTopFolderMayWrapSplits() {
        ArchiveLayout layout = new ArchiveLayout(base);
        assertPlaced(layout, "mydata/val/cat/1.png", Split.VAL, "cat");
        assertPlaced(layout, "mydata/train/dog/2.png", Split.TRAIN, "dog");
        assertRejected(layout, "mydata/valid/dog/3.png", "unknown-split");
        assertRejected(layout, "yours/train/dog/4.png", "outside-top-folder");
    }

    @Test
    void badFirstEntriesFixNothing() {
        ArchiveLayout layout = new ArchiveLayout(base);
        assertRejected(layout, "1.png", "wrong-depth");
        assertRejected(layout, "a/b/c/d/1.png", "wrong-depth");
        assertRejected(layout, "train/cat/extra/1.png", "wrong-depth");
        assertRejected(layout, "mydata/training/cat/1.png", "unknown-split");
        assertRejected(layout, "train/1.png", "missing-label");
        assertRejected(layout, "c@t/1.png", "unsafe-label");
        assertPlaced(layout, "train/cat/1.png", Split.TRAIN, "cat");
    }

    private static void assertPlaced(ArchiveLayout layout, String entry, Split split, String label) {
        UploadTarget target = layout.place(entry, EntryPath.parse(entry));
        assertThat(target.dataset()).isEqualTo("ds");
        assertThat(target.split()).isEqualTo(split);
        assertThat(target.label()).isEqualTo(label);
    }

    private static void assertRejected(ArchiveLayout layout, String entry, String code) {
        assertThatThrownBy(() -> layout.place(entry, EntryPath.parse(entry)))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.slug()).isEqualTo(code));
    }
}
