package io.ocellus.ingest.domain.archive;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer to an archive upload. {@code images} is the number of images now in the data set from this archive
 * (accepted plus duplicates); only rejections are listed, and only the first {@link ArchiveTally#MAX_LISTED}, so
 * that the answer stays small whatever the archive's size. {@code error} is set when reading stopped early.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveSummary(String dataset, String format, long entries, long accepted, long duplicates,
                             long rejected, long skipped, long images, long bytes, double seconds,
                             List<Rejection> rejections, boolean rejectionsTruncated, ArchiveStop error) {

    public record Rejection(String entry, int status, String code, String reason) {
    }
}
