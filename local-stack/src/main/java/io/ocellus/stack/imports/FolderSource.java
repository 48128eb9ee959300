package io.ocellus.stack.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image files of an ImageNet-style folder, uploaded as they are (no re-encoding), with the content type their
 * extension names. Files of other types are skipped and counted, so a stray README does not fail an import.
 */
public final class FolderSource implements SampleSource {

    private final FolderLayout layout;
    private final List<Path> skipped = new ArrayList<>();
    private long count = -1;

    public FolderSource(FolderLayout layout) {
        this.layout = layout;
    }

    @Override
    public long expectedCount() {
        if (count < 0) {
            try {
                long images = 0;
                for (FolderLayout.LabelFolder folder : layout.folders()) {
                    images += FolderLayout.files(folder.path()).stream()
                            .filter(f -> FolderLayout.contentType(f) != null).count();
                }
                count = images;
            } catch (IOException e) {
                return -1;
            }
        }
        return count;
    }

    @Override
    public String describe() {
        return layout.root() + " (" + (layout.bySplit() ? "<split>/<label>/<file>" : "<label>/<file>") + ", "
                + layout.folders().size() + " label folder(s))";
    }

    /** Files that were not uploaded because their extension is not an image type ingest takes. */
    public List<Path> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public void emit(Sink sink) throws IOException, InterruptedException {
        for (FolderLayout.LabelFolder folder : layout.folders()) {
            for (Path file : FolderLayout.files(folder.path())) {
                String type = FolderLayout.contentType(file);
                if (type == null) {
                    skipped.add(file);
                    continue;
                }
                if (!sink.accept(Sample.ofFile(folder.split(), folder.label(), file, type, Files.size(file)))) {
                    return;
                }
            }
        }
    }
}
