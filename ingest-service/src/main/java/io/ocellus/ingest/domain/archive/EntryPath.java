package io.ocellus.ingest.domain.archive;

import io.ocellus.vision.ImageRejectedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An archive entry's name as folders and a file name. Names that could point outside the archive (absolute paths,
 * drive letters, '..') are refused even though nothing is written to disk: they are the mark of a crafted archive.
 */
record EntryPath(List<String> folders, String fileName) {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:(/.*)?$");
    // what desktop archivers add beside the user's files
    private static final Set<String> SYSTEM_FILES = Set.of("thumbs.db", "desktop.ini");

    static EntryPath parse(String name) {
        // zip tools on Windows sometimes write backslashes
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || DRIVE_LETTER.matcher(path).matches()) {
            throw new ImageRejectedException(400, "absolute-path", "absolute paths are not allowed");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new ImageRejectedException(400, "path-traversal", "'..' segments are not allowed");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new ImageRejectedException(400, "empty-name", "the entry has no file name");
        }
        return new EntryPath(List.copyOf(segments.subList(0, segments.size() - 1)),
                segments.get(segments.size() - 1));
    }

    /** Dot files and folders (.DS_Store, ._resource forks), __MACOSX and desktop junk: not the user's images. */
    boolean hidden() {
        return fileName.startsWith(".") || SYSTEM_FILES.contains(fileName.toLowerCase(Locale.ROOT))
                || folders.stream().anyMatch(f -> f.startsWith(".") || f.equals("__MACOSX"));
    }

    /** The lower-case extension without its dot, or "" when the name has none. */
    String extension() {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
