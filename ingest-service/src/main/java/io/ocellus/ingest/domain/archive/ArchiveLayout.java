package io.ocellus.ingest.domain.archive;

import io.ocellus.vision.ImageRejectedException;
import io.ocellus.ingest.domain.UploadTarget;
import io.ocellus.schema.events.Split;

import java.util.List;

/**
 * Where an entry's folders put an image, ImageNet-style: {@code <label>/<file>} (split from the request) or
 * {@code <split>/<label>/<file>}, either of them optionally inside one common top folder. The first image entry
 * decides the archive's shape from its depth and from whether its first folder is a split name (train, val,
 * test); every later entry must have that same shape. Deciding once is what turns a mistyped split folder
 * ("validation/cat/1.png" beside "train/cat/2.png") into a refused entry instead of a silent top folder.
 */
final class ArchiveLayout {

    enum Shape {
        LABEL("<label>/<file>", 1, false, false),
        SPLIT_LABEL("<split>/<label>/<file>", 2, false, true),
        TOP_LABEL("<top>/<label>/<file>", 2, true, false),
        TOP_SPLIT_LABEL("<top>/<split>/<label>/<file>", 3, true, true);

        private final String pattern;
        private final int folders;
        private final boolean top;
        private final boolean split;

        Shape(String pattern, int folders, boolean top, boolean split) {
            this.pattern = pattern;
            this.folders = folders;
            this.top = top;
            this.split = split;
        }
    }

    private final UploadTarget base;
    private Shape shape;
    private String top;
    private String firstEntry;

    ArchiveLayout(UploadTarget base) {
        this.base = base;
    }

    /** The target of the image at {@code path}: the request's data set and tasks, the folders' label and split. */
    UploadTarget place(String entry, EntryPath path) {
        List<String> folders = path.folders();
        Shape entryShape = shape != null ? shape : shapeOf(folders);
        if (folders.size() != entryShape.folders) {
            throw new ImageRejectedException(400, "wrong-depth", "expected " + entryShape.pattern
                    + ", like the archive's first image '" + firstEntry + "'");
        }
        if (entryShape.top && top != null && !top.equals(folders.get(0))) {
            throw new ImageRejectedException(400, "outside-top-folder", "the archive's images are inside '" + top
                    + "/', this entry is not");
        }
        int next = entryShape.top ? 1 : 0;
        Split split = base.split();
        if (entryShape.split) {
            split = splitOf(folders.get(next++));
        }
        String label = folders.get(next);
        if (!entryShape.split && isSplit(label)) {
            throw new ImageRejectedException(400, "missing-label", "'" + label + "' is a split folder without "
                    + "label folders: expected <split>/<label>/<file>");
        }
        UploadTarget target = base.withLabel(label, split);
        if (shape == null) {
            shape = entryShape;
            top = entryShape.top ? folders.get(0) : null;
            firstEntry = entry;
        }
        return target;
    }

    private static Shape shapeOf(List<String> folders) {
        switch (folders.size()) {
            case 1:
                return Shape.LABEL;
            case 2:
                return isSplit(folders.get(0)) ? Shape.SPLIT_LABEL : Shape.TOP_LABEL;
            case 3:
                if (isSplit(folders.get(0)) && !isSplit(folders.get(1))) {
                    throw wrongDepth(folders.size());
                }
                return Shape.TOP_SPLIT_LABEL;
            default:
                throw wrongDepth(folders.size());
        }
    }

    private static ImageRejectedException wrongDepth(int folders) {
        return new ImageRejectedException(400, "wrong-depth", "the image is " + folders + " folders deep: expected "
                + "<label>/<file> or <split>/<label>/<file>, optionally inside one top folder");
    }

    private static Split splitOf(String folder) {
        if (!isSplit(folder)) {
            throw new ImageRejectedException(400, "unknown-split", "unknown split folder '" + folder
                    + "': expected train, val or test");
        }
        return UploadTarget.parseSplit(folder);
    }

    private static boolean isSplit(String folder) {
        try {
            UploadTarget.parseSplit(folder);
            return true;
        } catch (ImageRejectedException e) {
            return false;
        }
    }
}
