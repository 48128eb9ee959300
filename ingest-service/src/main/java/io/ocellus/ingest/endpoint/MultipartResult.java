package io.ocellus.ingest.endpoint;

import java.util.List;

/** Per-file outcomes of a multipart upload, with the counts a client checks first. */
public record MultipartResult(int accepted, int duplicates, int rejected, List<FileResult> results) {

    static MultipartResult of(List<FileResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (FileResult result : results) {
            if (result.image() == null) {
                rejected++;
            } else if (result.image().duplicate()) {
                duplicates++;
            } else {
                accepted++;
            }
        }
        return new MultipartResult(accepted, duplicates, rejected, results);
    }
}
