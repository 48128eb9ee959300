package io.ocellus.stack.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

class ImportRunTest {

    @TempDir
    Path dir;

    private final FakeIngest ingest = new FakeIngest();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ImportRunTest() throws Exception {
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private ImportRun run(Long limit) {
        return run(limit, List.of("classify"));
    }

    private ImportRun run(Long limit, List<String> tasks) {
        IngestOptions options = new IngestOptions();
        options.ingest = ingest.base().toString();
        options.token = "given-token";
        options.tasks = tasks;
        options.stateDir = dir.resolve("no-stack");
        BatchOptions batch = new BatchOptions();
        batch.batch = 2;
        batch.concurrency = 2;
        batch.limit = limit;
        return new ImportRun(options, batch, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path folder() throws Exception {
        for (String name : List.of("cat/1.png", "cat/2.png", "cat/3.png", "dog/1.png", "dog/bad.png", "dog/x.txt")) {
            Path file = dir.resolve("pets").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name);
        }
        return dir.resolve("pets");
    }

    @Test
    void importsAFolderAndSummarisesOnStdout() throws Exception {
        ingest.fileStatus = part -> part.filename().equals("bad.png") ? 415 : 201;
        int exit = run(null).run("pets", new FolderSource(FolderLayout.detect(folder(), null)));

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("a rejection makes the exit status non-zero").isEqualTo(1);
        assertThat(summary).contains("Imported 5 images of", "into data set 'pets' at " + ingest.base())
                .containsPattern("accepted +4").containsPattern("rejected +1").containsPattern("skipped +1")
                .contains("images/s", "Rejected, by reason:")
                .contains("415 not-an-image (e.g. bad.png: bytes are not an image)");
        assertThat(ingest.uploads).allMatch(u -> "Bearer given-token".equals(u.authorization()))
                .allMatch(u -> "pets".equals(u.fields().get("dataset")));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped 1 file(s)", "pets: 5/5 (100%)");
    }

    @Test
    void limitStopsTheSourceAndACleanImportExitsZero() throws Exception {
        int exit = run(3L).run("pets", new FolderSource(FolderLayout.detect(folder(), null)));

        assertThat(exit).isZero();
        assertThat(ingest.uploads.stream().mapToInt(u -> u.files().size()).sum()).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Imported 3 images").containsPattern("accepted +3");
    }

    @Test
    void aDataSetIsForTrainingOnlyUnlessTasksAreAsked() throws Exception {
        IngestOptions parsed = CommandLine.populateCommand(new IngestOptions());
        assertThat(parsed.tasksField()).isEmpty();
        assertThat(CommandLine.populateCommand(new IngestOptions(), "--tasks", "detect,classify").tasksField())
                .isEqualTo("detect,classify");

        assertThat(run(null, parsed.tasks).run("pets", new FolderSource(FolderLayout.detect(folder(), null))))
                .isZero();
        assertThat(ingest.uploads).isNotEmpty().allMatch(u -> !u.fields().containsKey("tasks"));
        ingest.uploads.clear();
        run(null, List.of("classify")).run("pets", new FolderSource(FolderLayout.detect(folder(), null)));
        assertThat(ingest.uploads).isNotEmpty().allMatch(u -> "classify".equals(u.fields().get("tasks")));
    }

    @Test
    void refusesUnsafeNamesAndAnUnreachableService() throws Exception {
        assertThatThrownBy(() -> run(null).run("../etc", new FolderSource(FolderLayout.detect(folder(), null))))
                .hasMessageContaining("data-set name '../etc' is not allowed");
        ingest.close();
        assertThatThrownBy(() -> run(null).run("pets", new FolderSource(FolderLayout.detect(folder(), null))))
                .isInstanceOf(ImportAbortedException.class).hasMessageContaining("does not answer");
    }
}
