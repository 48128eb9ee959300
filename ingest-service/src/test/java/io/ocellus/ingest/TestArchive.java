package io.ocellus.ingest;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Builds tar, tar.gz and zip archives for tests, entry by entry, including the entry kinds a server must refuse. */
final class TestArchive {

    private record Entry(String name, byte[] bytes, byte type, String linkTarget, boolean absolute) {
    }

    private final List<Entry> entries = new ArrayList<>();

    TestArchive file(String name, byte[] bytes) {
        entries.add(new Entry(name, bytes, TarConstants.LF_NORMAL, null, name.startsWith("/")));
        return this;
    }

    TestArchive dir(String name) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", null, TarConstants.LF_DIR, null, false));
        return this;
    }

    TestArchive symlink(String name, String target) {
        entries.add(new Entry(name, null, TarConstants.LF_SYMLINK, target, false));
        return this;
    }

    TestArchive hardlink(String name, String target) {
        entries.add(new Entry(name, null, TarConstants.LF_LINK, target, false));
        return this;
    }

    TestArchive device(String name) {
        entries.add(new Entry(name, null, TarConstants.LF_CHR, null, false));
        return this;
    }

    byte[] tar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTar(out);
        return out.toByteArray();
    }

    byte[] tarGz() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
            writeTar(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The byte offset at which entry {@code index} of the plain tar starts (names under 100 characters). */
    long tarOffsetOf(int index) {
        long offset = 0;
        for (int i = 0; i < index; i++) {
            byte[] bytes = entries.get(i).bytes();
            long size = bytes == null ? 0 : bytes.length;
            offset += 512 + (size + 511) / 512 * 512;
        }
        return offset;
    }

    void writeTar(OutputStream out) {
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry header = entry.absolute() ? new TarArchiveEntry(entry.name(), true)
                        : new TarArchiveEntry(entry.name(), entry.type());
                if (entry.linkTarget() != null) {
                    header.setLinkName(entry.linkTarget());
                }
                if (entry.bytes() != null) {
                    header.setSize(entry.bytes().length);
                }
                tar.putArchiveEntry(header);
                if (entry.bytes() != null) {
                    tar.write(entry.bytes());
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip as a streaming writer makes it (sizes in data descriptors); links and devices have no zip form. */
    byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new NonSeekable(bytes))) {
            for (Entry entry : entries) {
                if (entry.type() != TarConstants.LF_NORMAL && entry.type() != TarConstants.LF_DIR) {
                    throw new IllegalStateException("zip has no " + entry.name() + " kind of entry");
                }
                zip.putArchiveEntry(new ZipArchiveEntry(entry.name()));
                if (entry.bytes() != null) {
                    zip.write(entry.bytes());
                }
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Hides ByteArrayOutputStream's type so the zip writer cannot seek back and must stream. */
    private static final class NonSeekable extends OutputStream {
        private final OutputStream out;

        NonSeekable(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
