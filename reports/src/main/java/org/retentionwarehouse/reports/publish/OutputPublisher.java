package org.retentionwarehouse.reports.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Publishes a night's output folder atomically: everything is written into a hidden staging
 * folder beside {@code outputs/D}, which is then renamed into place, so a reader (or a failure
 * half-way) never leaves a partial {@code outputs/D}. A re-run replaces the previous folder.
 */
public final class OutputPublisher {

    /** Writes the files of one night into the folder it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path folder) throws IOException;
    }

    private static final String STAGING = ".staging";

    private final Path outputs;

    public OutputPublisher(Path outputs) {
        this.outputs = outputs;
    }

    public Path publish(LocalDate date, Writer writer) {
        Path target = outputs.resolve(date.toString());
        Path staging = outputs.resolve("." + date + "." + UUID.randomUUID() + STAGING);
        try {
            deleteLeftovers(date);
            Files.createDirectories(staging);
            writer.write(staging);
            if (Files.exists(target)) {
                Path old = outputs.resolve("." + date + "." + UUID.randomUUID() + ".replaced");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // Put the previous night's folder back rather than leave no folder at all.
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                deleteTree(old);
            } else {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("cannot publish " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        } catch (Exception e) {
            // Spark throws its checked SparkException (a failed Parquet write, a full disk) undeclared.
            deleteQuietly(staging);
            throw new IllegalStateException("cannot publish " + target + ": " + e.getMessage(), e);
        }
    }

    /** Staging folders of this date that a killed run left behind, each a copy of a night's files. */
    private void deleteLeftovers(LocalDate date) throws IOException {
        if (!Files.isDirectory(outputs)) {
            return;
        }
        try (Stream<Path> children = Files.list(outputs)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith("." + date + ".") && name.endsWith(STAGING)) {
                    deleteTree(child);
                }
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException ignored) {
            // A leftover staging folder is hidden, and the date's next publish deletes it; the original error matters.
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
