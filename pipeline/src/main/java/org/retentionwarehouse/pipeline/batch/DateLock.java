package org.retentionwarehouse.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The exclusive right to run jobs for one business date: an OS file lock on
 * {@code state/locks/<date>.lock}. The kernel releases it when its process ends, however it ends
 * (kill -9 included), so holding it proves that no other launcher of this data home is running
 * that date; whatever the job repository still shows as running for the date was left by a dead
 * process. The lock only covers processes that share the {@code state/} folder's file system.
 */
final class DateLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code date} under {@code state}. */
    static Path file(Path state, LocalDate date) {
        return state.resolve("locks").resolve(date + ".lock");
    }

    /** Takes the lock without waiting; empty when another process or thread holds it. */
    static Optional<DateLock> tryAcquire(Path state, LocalDate date) {
        Path file = file(state, date);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new DateLock(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // Held by another thread of this JVM (the JVM keeps one lock per file for all its threads).
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        close(channel);
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close(channel);
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the lock; nothing more can be done about a failed close.
            }
        }
    }
}
