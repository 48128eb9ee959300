package io.ocellus.stack.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "folder", mixinStandardHelpOptions = true,
        description = {
            "Uploads the images of an ImageNet-style folder as they are: DIR/<label>/<file> (all in one split) or "
                    + "DIR/<split>/<label>/<file> (split = train, val, test), detected from the folder names.",
            "PNG, JPEG, BMP and GIF files are uploaded (type from the extension); other files are skipped and "
                    + "counted."})
public final class FolderImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to import.")
    Path directory;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Data-set name.")
    String dataset;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "DIR/<label>/<file>: the split of every image (default train). "
                    + "DIR/<split>/<label>/<file>: import only this split (default: all).")
    String split;

    @Mixin
    IngestOptions ingest;

    @Mixin
    BatchOptions batch;

    @Override
    public Integer call() throws Exception {
        ImportRun.requireSplit(split, List.of("train", "val", "test"));
        FolderLayout layout = FolderLayout.detect(directory.toAbsolutePath().normalize(), split);
        return new ImportRun(ingest, batch, System.out, System.err).run(dataset, new FolderSource(layout));
    }
}
