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
 * Date locks as OS file locks on {@code state/locks/<date>.lock} (and {@code warehouse.lock}), which the kernel releases when
 * the process ends. They cover the launchers that share the data home's {@code state/} folder,
 * which is every launcher when the job repository is the H2 file inside it.
 */
final class FileDateLocks implements DateLocks {

    private static final String WAREHOUSE = "warehouse";

    private final Path state;

    FileDateLocks(Path state) {
        this.state = state;
    }

    @Override
    public String describe(LocalDate date) {
        return file(date.toString()).toString();
    }

    @Override
    public String describeWarehouse() {
        return file(WAREHOUSE).toString();
    }

    private Path file(String name) {
        return state.resolve("locks").resolve(name + ".lock");
    }

    @Override
    public Optional<Held> tryAcquire(LocalDate date) {
        return tryLock(file(date.toString()));
    }

    @Override
    public Optional<Held> tryAcquireWarehouse() {
        return tryLock(file(WAREHOUSE));
    }

    private static Optional<Held> tryLock(Path file) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                FileChannel held = channel;
                return Optional.of(() -> close(held));
            }
        } catch (OverlappingFileLockException e) {
            // Held by another thread of this JVM (the JVM keeps one lock per file for all its threads).
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        close(channel);
        return Optional.empty();
    }

    /** Closing the channel releases its lock. */
    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
