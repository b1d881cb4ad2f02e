package org.retentionwarehouse.simulator.output;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/**
 * Appends to many files through memory buffers, spilling them to disk (open, append, close) when
 * the buffers together exceed a limit. Bounded memory and never more than one open file, however
 * many stores and nights a run has. Not thread-safe: one writer thread owns it.
 */
final class SpillingFiles implements Closeable {

    private final IntFunction<Path> paths;
    private final long limit;
    private final ByteArrayOutputStream[] buffers;
    private long buffered;

    SpillingFiles(int files, IntFunction<Path> paths, long limit) {
        this.paths = paths;
        this.limit = limit;
        this.buffers = new ByteArrayOutputStream[files];
    }

    /** Creates (or truncates) a file with its initial content. */
    void create(int file, byte[] initial) throws IOException {
        Path path = paths.apply(file);
        Files.createDirectories(path.getParent());
        Files.write(path, initial);
    }

    /** Appends bytes to a file. */
    void append(int file, byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = buffers[file];
        if (buffer == null) {
            buffer = new ByteArrayOutputStream(Math.max(256, bytes.length));
            buffers[file] = buffer;
        }
        buffer.write(bytes, 0, bytes.length);
        buffered += bytes.length;
        if (buffered > limit) {
            flush();
        }
    }

    /** Writes every buffer to its file. */
    void flush() throws IOException {
        for (int file = 0; file < buffers.length; file++) {
            ByteArrayOutputStream buffer = buffers[file];
            if (buffer != null) {
                try (OutputStream out = Files.newOutputStream(paths.apply(file), StandardOpenOption.APPEND)) {
                    buffer.writeTo(out);
                }
                buffers[file] = null;
            }
        }
        buffered = 0;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
