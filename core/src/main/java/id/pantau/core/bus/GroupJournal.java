package id.pantau.core.bus;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The single-node bus's memory of one consumer group's records that are not yet handled, so a process killed with
 * records in flight (kill -9, a crash) hands them to the group again at the next start, as a Kafka group resumes
 * from its committed offset.
 *
 * <p>Each record is appended to {@code records.log} before it is queued; {@code committed} holds how many records
 * of the log the group has handled. Plain writes suffice against a killed process (the kernel keeps what was
 * written); they are not forced to the disk, so a power cut may lose the last records, as it may with Kafka's
 * default flush policy. A record whose frame is torn or fails its CRC (the write the kill interrupted) ends the
 * log. The log is emptied whenever the group has caught up, and compacted past {@link #COMPACT_BYTES}.
 */
final class GroupJournal implements AutoCloseable {
    /** a lagging group's log is rewritten without its handled records past this size */
    static final long COMPACT_BYTES = 64L << 20;

    private final Path dir;
    private final Path log;
    private final Path committedFile;
    private FileChannel channel;
    private long appended;
    private long committed;

    private GroupJournal(Path dir) {
        this.dir = dir;
        this.log = dir.resolve("records.log");
        this.committedFile = dir.resolve("committed");
    }

    /** Opens (or creates) the journal in {@code dir}; returns it with the records still to handle. */
    static Opened open(Path dir) {
        GroupJournal j = new GroupJournal(dir);
        try {
            Files.createDirectories(dir);
            List<BusRecord> all = Files.exists(j.log) ? read(j.log) : List.of();
            long done = Files.exists(j.committedFile)
                    ? Long.parseLong(Files.readString(j.committedFile, StandardCharsets.US_ASCII).strip()) : 0;
            List<BusRecord> pending = all.subList((int) Math.min(done, all.size()), all.size());
            // start a clean log holding just the pending records: drops handled ones and any torn tail
            j.rewrite(pending);
            return new Opened(j, List.copyOf(pending));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("bus journal " + dir + " cannot be read: " + e.getMessage()
                    + " (move it aside to start without its pending records)", e);
        }
    }

    record Opened(GroupJournal journal, List<BusRecord> pending) {
    }

    synchronized void append(BusRecord r) {
        try {
            ByteBuffer frame = ByteBuffer.wrap(encode(r));
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            appended++;
        } catch (IOException e) {
            throw new UncheckedIOException("bus journal " + dir + ": cannot append: " + e.getMessage(), e);
        }
    }

    /** The group handled one more record, in order. */
    synchronized void commitOne() {
        committed++;
        try {
            if (committed == appended) {
                // caught up, the usual case: empty the log in place. The count goes back to 0 first, so a kill between
                // the two steps replays the log once more (at least once) rather than skipping later records.
                writeCommitted(0);
                channel.truncate(0);
                appended = 0;
                committed = 0;
            } else {
                writeCommitted(committed);
                if (channel.size() > COMPACT_BYTES) {
                    List<BusRecord> all = read(log);
                    rewrite(all.subList((int) Math.min(committed, all.size()), all.size()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bus journal " + dir + ": cannot commit: " + e.getMessage(), e);
        }
    }

    private void rewrite(List<BusRecord> pending) throws IOException {
        if (channel != null) {
            channel.close();
        }
        Path tmp = dir.resolve("records.log.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (BusRecord r : pending) {
                ByteBuffer b = ByteBuffer.wrap(encode(r));
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }
        // the committed count restarts with the new log; a kill between the two moves replays the pending
        // records once more, which consumers absorb (delivery is at least once)
        writeCommitted(0);
        move(tmp, log);
        channel = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        appended = pending.size();
        committed = 0;
    }

    private void writeCommitted(long n) throws IOException {
        Path tmp = dir.resolve("committed.tmp");
        Files.writeString(tmp, Long.toString(n), StandardCharsets.US_ASCII);
        move(tmp, committedFile);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] encode(BusRecord r) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(r.value().length + 64);
        try (DataOutputStream d = new DataOutputStream(body)) {
            d.writeUTF(r.topic());
            d.writeBoolean(r.key() != null);
            if (r.key() != null) {
                d.writeUTF(r.key());
            }
            d.writeLong(r.timestamp().toEpochMilli());
            d.writeInt(r.value().length);
            d.write(r.value());
        }
        byte[] b = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(b);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(b.length + 12);
        try (DataOutputStream d = new DataOutputStream(frame)) {
            d.writeInt(b.length);
            d.writeLong(crc.getValue());
            d.write(b);
        }
        return frame.toByteArray();
    }

    private static List<BusRecord> read(Path log) throws IOException {
        List<BusRecord> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(log); DataInputStream d = new DataInputStream(in)) {
            while (true) {
                byte[] b;
                long expected;
                try {
                    int len = d.readInt();
                    if (len < 0 || len > 64 << 20) {
                        break;              // a torn length: the kill interrupted this frame
                    }
                    expected = d.readLong();
                    b = d.readNBytes(len);
                    if (b.length < len) {
                        break;
                    }
                } catch (EOFException e) {
                    break;
                }
                CRC32 crc = new CRC32();
                crc.update(b);
                if (crc.getValue() != expected) {
                    break;
                }
                try (DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(b))) {
                    String topic = r.readUTF();
                    String key = r.readBoolean() ? r.readUTF() : null;
                    Instant at = Instant.ofEpochMilli(r.readLong());
                    byte[] value = r.readNBytes(r.readInt());
                    out.add(new BusRecord(topic, key, value, at));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing to lose: every append already reached the kernel
        }
    }
}
