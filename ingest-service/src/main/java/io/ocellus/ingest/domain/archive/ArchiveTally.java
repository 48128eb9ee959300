package io.ocellus.ingest.domain.archive;

import java.util.ArrayList;
import java.util.List;

/** Counts one archive's outcomes as they come and keeps a bounded list of its rejections. */
final class ArchiveTally {

    static final int MAX_LISTED = 1000;

    private final List<ArchiveSummary.Rejection> rejections = new ArrayList<>();
    private long entries;
    private long accepted;
    private long duplicates;
    private long rejected;
    private long skipped;
    private String lastEntry;
    private ArchiveStop stop;

    /** Every entry read counts, directories too: the entry limit protects the reader, not the data set. */
    long countEntry(String name) {
        lastEntry = name;
        return ++entries;
    }

    void add(EntryOutcome outcome) {
        switch (outcome.result()) {
            case ACCEPTED -> accepted++;
            case DUPLICATE -> duplicates++;
            case SKIPPED -> skipped++;
            case REJECTED -> {
                rejected++;
                if (rejections.size() < MAX_LISTED) {
                    rejections.add(new ArchiveSummary.Rejection(outcome.entry(), outcome.status(), outcome.code(),
                            outcome.reason()));
                }
            }
        }
    }

    void stop(int status, String code, String reason) {
        stop = new ArchiveStop(status, code, reason, entries, lastEntry);
    }

    boolean stopped() {
        return stop != null;
    }

    long entries() {
        return entries;
    }

    String lastEntry() {
        return lastEntry;
    }

    ArchiveSummary summary(String dataset, ArchiveFormat format, long bytes, double seconds) {
        return new ArchiveSummary(dataset, format.label(), entries, accepted, duplicates, rejected,
                skipped, accepted + duplicates, bytes, seconds, List.copyOf(rejections), rejected > MAX_LISTED,
                stop);
    }
}
