package id.pantau.storage.spool;

import id.pantau.core.json.Json;
import id.pantau.storage.evidence.Sha256;
import id.pantau.storage.spool.SpoolException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's on-disk format. An entry is committed when its {@code <seq>.json} appears (atomic rename after the
 * data is forced to disk), so after a crash a {@code .bin} without {@code .json} is a write that never returned
 * to its caller and can be dropped, while every committed entry is complete.
 */
final class SpoolDirectory {
    private static final Logger log = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String DATA = ".bin";
    private static final String META = ".json";
    private static final String PART = ".part";

    private final Path dir;
    private final Path quarantine;
    private final long minFreeBytes;
    private final Clock clock;
    private final AtomicLong nextSeq = new AtomicLong();

    SpoolDirectory(Path dir, long minFreeBytes, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.quarantine = this.dir.resolve("quarantine");
        this.minFreeBytes = minFreeBytes;
        this.clock = clock;
    }

    Path path() {
        return dir;
    }

    /** Creates the folder if needed and proves it can take a file now; throws a SpoolException saying why not. */
    void probe() {
        try {
            Files.createDirectories(dir);
            Path p = Files.createTempFile(dir, "probe-", PART);
            Files.delete(p);
        } catch (IOException | UnsupportedOperationException e) {
            throw failure("cannot be used", e);
        }
        checkFreeSpace(0);
    }

    /** Committed entries in sequence order; removes leftovers of interrupted writes. */
    List<SpoolEntry> scan() {
        List<SpoolEntry> entries = new ArrayList<>();
        long maxSeq = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(PART)) {
                    Files.deleteIfExists(f);
                } else if (name.endsWith(META)) {
                    SpoolEntry e = readEntry(f);
                    if (e != null) {
                        entries.add(e);
                        maxSeq = Math.max(maxSeq, e.seq());
                    }
                } else if (name.endsWith(DATA) && !Files.exists(metaOf(f))) {
                    log.warn("spool {}: dropping {} (its write never completed, so the caller was told it failed)", dir, f);
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw failure("cannot be read", e);
        }
        entries.sort(java.util.Comparator.comparingLong(SpoolEntry::seq));
        nextSeq.set(maxSeq + 1);
        return entries;
    }

    private SpoolEntry readEntry(Path meta) {
        try {
            SpoolEntry.Meta m = Json.mapper().readValue(meta.toFile(), SpoolEntry.Meta.class);
            Path data = dir.resolve(seqName(m.seq()) + DATA);
            if (!Files.isRegularFile(data)) {
                quarantine(meta, null, "its data file " + data.getFileName() + " is missing");
                return null;
            }
            return new SpoolEntry(m.seq(), m.key(), m.contentType(), m.size(), m.sha256(), m.spooledAt(), data, meta);
        } catch (IOException e) {
            quarantine(meta, null, "unreadable (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Writes one entry durably: data first, then the metadata file that commits it. */
    SpoolEntry write(String key, String contentType, long expectedSize, DataSource source) {
        checkFreeSpace(expectedSize);
        long seq = nextSeq.getAndIncrement();
        String base = seqName(seq);
        Path data = dir.resolve(base + DATA);
        Path meta = dir.resolve(base + META);
        Path dataPart = dir.resolve(base + DATA + PART);
        Path metaPart = dir.resolve(base + META + PART);
        try {
            MessageDigest md = sha256();
            long size;
            try (FileChannel ch = FileChannel.open(dataPart, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 CountingOutputStream out = new CountingOutputStream(new DigestOutputStream(Channels.newOutputStream(ch), md))) {
                source.writeTo(out);
                out.flush();
                ch.force(true);
                size = out.count;
            }
            Files.move(dataPart, data, StandardCopyOption.ATOMIC_MOVE);
            SpoolEntry entry = new SpoolEntry(seq, key, contentType, size, HexFormat.of().formatHex(md.digest()),
                    clock.instant(), data, meta);
            try (FileChannel ch = FileChannel.open(metaPart, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(Json.mapper().writeValueAsBytes(entry.toMeta())));
                ch.force(true);
            }
            Files.move(metaPart, meta, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
            return entry;
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(dataPart);
            deleteQuietly(metaPart);
            deleteQuietly(data);
            throw failure("could not take evidence '" + key + "'", e);
        }
    }

    interface DataSource {
        void writeTo(OutputStream out) throws IOException;
    }

    /** True when the entry's bytes still hash to what was spooled (disk corruption, manual edits). */
    boolean intact(SpoolEntry e) {
        try (InputStream in = Files.newInputStream(e.data())) {
            Sha256 d = Sha256.of(in);
            return d.size() == e.size() && d.hex().equals(e.sha256());
        } catch (IOException ex) {
            return false;
        }
    }

    void remove(SpoolEntry e) {
        try {
            // Metadata first: a crash in between leaves a .bin without .json, which the next scan drops.
            Files.deleteIfExists(e.meta());
            Files.deleteIfExists(e.data());
        } catch (IOException ex) {
            log.error("spool {}: uploaded {} but could not remove {} ({}); it will be uploaded again (same key) after"
                    + " a restart", dir, e.key(), e.data(), ex.toString());
        }
    }

    /** Moves a damaged entry aside, never deleting it: evidence is not thrown away, a person must look. */
    void quarantine(Path meta, Path data, String why) {
        try {
            Files.createDirectories(quarantine);
            Files.move(meta, quarantine.resolve(meta.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            if (data != null && Files.exists(data)) {
                Files.move(data, quarantine.resolve(data.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            log.error("spool {}: entry {} is damaged ({}); moved to {} for inspection", dir, meta.getFileName(), why,
                    quarantine);
        } catch (IOException e) {
            log.error("spool {}: entry {} is damaged ({}) and could not be moved to {}: {}", dir, meta.getFileName(),
                    why, quarantine, e.toString());
        }
    }

    long usableBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private void checkFreeSpace(long needed) {
        long usable = usableBytes();
        if (usable >= 0 && usable - needed < minFreeBytes) {
            throw new SpoolException(Reason.DISK_FULL, dir, "evidence spool " + dir + " is full: " + mb(usable)
                    + " free, " + mb(needed) + " needed and " + mb(minFreeBytes) + " must stay free (spoolMinFreeMb);"
                    + " free disk space or point spoolDir at a larger disk. Nothing was written.", null);
        }
    }

    private SpoolException failure(String what, Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String problem = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : msg;
        Reason reason = classify(e, problem);
        String fix = switch (reason) {
            case NOT_WRITABLE -> "make it writable for the Pantau user or point spoolDir at a writable folder";
            case DISK_FULL -> "free disk space or point spoolDir at a larger disk";
            default -> "check the disk and the folder";
        };
        return new SpoolException(reason, dir, "evidence spool " + dir + " " + what + ": " + describe(reason)
                + " (" + problem + "); " + fix + ".", e);
    }

    private static Reason classify(Exception e, String problem) {
        String p = problem.toLowerCase(java.util.Locale.ROOT);
        if (e instanceof AccessDeniedException || e instanceof java.nio.file.ReadOnlyFileSystemException
                || p.contains("read-only") || p.contains("permission denied") || p.contains("operation not permitted")) {
            return Reason.NOT_WRITABLE;
        }
        if (p.contains("no space left") || p.contains("disk quota")) {
            return Reason.DISK_FULL;
        }
        if (e instanceof NoSuchFileException) {
            return Reason.NOT_WRITABLE;
        }
        return Reason.IO;
    }

    private static String describe(Reason r) {
        return switch (r) {
            case NOT_WRITABLE -> "the folder is read-only or not writable";
            case DISK_FULL -> "the disk is full";
            case CORRUPT -> "a spooled file is damaged";
            case IO -> "an I/O error";
        };
    }

    private void forceDirectory() {
        // Makes the renames durable on Linux; not every platform allows opening a directory, which is fine.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.trace("directory fsync not available for {}: {}", dir, e.toString());
        }
    }

    private static String seqName(long seq) {
        return String.format("%019d", seq);
    }

    private static Path metaOf(Path data) {
        String n = data.getFileName().toString();
        return data.resolveSibling(n.substring(0, n.length() - DATA.length()) + META);
    }

    private static String mb(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", p, e.toString());
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
