package io.ocellus.stack.imports;

import io.ocellus.stack.StackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The two ImageNet-style trees an import folder may have: {@code <label>/<file>} (every image in one split) or
 * {@code <split>/<label>/<file>} (top-level folders named train, val, test). Decided from the top-level folder
 * names; a tree that mixes both is refused rather than guessed.
 */
public record FolderLayout(Path root, boolean bySplit, List<LabelFolder> folders) {

    public static final Set<String> SPLITS = Set.of("train", "val", "test");
    static final Map<String, String> CONTENT_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "bmp", "image/bmp", "gif", "image/gif");

    /** One folder of images: its split and label. */
    public record LabelFolder(String split, String label, Path path) {
    }

    /**
     * @param onlySplit for a split tree, import this split only; for a label tree, the split of every image
     *                  (null: train)
     */
    public static FolderLayout detect(Path root, String onlySplit) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new StackException("import", root + " is not a directory");
        }
        List<Path> top = subfolders(root);
        if (top.isEmpty()) {
            throw new StackException("import", root + " has no sub-folders: expected <label>/<file> or "
                    + "<split>/<label>/<file> (split = train, val or test)");
        }
        List<String> splitNames = top.stream().map(FolderLayout::name).filter(SPLITS::contains).toList();
        if (!splitNames.isEmpty() && splitNames.size() != top.size()) {
            List<String> others = top.stream().map(FolderLayout::name).filter(n -> !SPLITS.contains(n)).toList();
            throw new StackException("import", root + " mixes split folders " + splitNames + " with label folders "
                    + others + ": use either <label>/<file> or <split>/<label>/<file>");
        }
        List<LabelFolder> folders = new ArrayList<>();
        if (splitNames.isEmpty()) {
            String split = onlySplit == null ? "train" : onlySplit;
            top.forEach(label -> folders.add(new LabelFolder(split, name(label), label)));
        } else {
            for (Path split : top) {
                if (onlySplit == null || onlySplit.equals(name(split))) {
                    subfolders(split).forEach(label -> folders.add(new LabelFolder(name(split), name(label), label)));
                }
            }
            if (folders.isEmpty()) {
                throw new StackException("import", root + " has no label folders" + (onlySplit == null ? ""
                        : " under " + onlySplit + "/") + ": expected <split>/<label>/<file>");
            }
        }
        List<String> unsafe = folders.stream().map(LabelFolder::label).filter(l -> !SafeName.isSafe(l)).distinct()
                .toList();
        if (!unsafe.isEmpty()) {
            throw new StackException("import", "folder names " + unsafe + " cannot be labels: " + SafeName.RULE);
        }
        return new FolderLayout(root, !splitNames.isEmpty(), List.copyOf(folders));
    }

    /** The content type an upload declares for this file, or null when it is not an image type ingest takes. */
    public static String contentType(Path file) {
        String name = name(file).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1));
    }

    /** The regular, non-hidden files of a label folder, sorted so imports are repeatable. */
    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).filter(p -> !name(p).startsWith(".")).sorted().toList();
        }
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> !name(p).startsWith(".")).sorted().toList();
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
