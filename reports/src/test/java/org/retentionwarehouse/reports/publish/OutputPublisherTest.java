package org.retentionwarehouse.reports.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A night's folder is replaced whole or not at all, whatever fails half-way through writing it. */
class OutputPublisherTest {

    static final LocalDate D = LocalDate.of(2026, 11, 4);

    @TempDir
    Path outputs;

    @Test
    void aFailureMidPublishLeavesThePreviousFolderIntactAndNoLeftovers() throws IOException {
        OutputPublisher publisher = new OutputPublisher(outputs);
        publisher.publish(D, folder -> {
            Files.writeString(folder.resolve("retention_S01.csv"), "first run");
            Files.writeString(folder.resolve("report.html"), "<html>first</html>");
        });

        // A forced re-run whose writers fail after some files are written: an I/O error, then a bug.
        assertThatThrownBy(() -> publisher.publish(D, folder -> {
            Files.writeString(folder.resolve("retention_S01.csv"), "second run");
            Files.writeString(folder.resolve("retention_S02.csv"), "second run");
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThatThrownBy(() -> publisher.publish(D, folder -> {
            Files.writeString(folder.resolve("retention_S01.csv"), "third run");
            throw new IllegalStateException("injected failure in a writer");
        })).hasMessageContaining("injected failure");
        // Spark's SparkException is checked, and Scala throws it undeclared.
        assertThatThrownBy(() -> publisher.publish(D, folder -> {
            Files.writeString(folder.resolve("scores.parquet"), "fourth run");
            throw OutputPublisherTest.<RuntimeException>undeclared(new Exception("Job aborted due to stage failure"));
        })).hasMessageContaining("cannot publish").hasMessageContaining("Job aborted");

        Path night = outputs.resolve(D.toString());
        assertThat(names(night)).containsExactly("report.html", "retention_S01.csv");
        assertThat(night.resolve("retention_S01.csv")).hasContent("first run");
        assertThat(names(outputs)).containsExactly(D.toString());
    }

    @Test
    void aFirstPublishThatFailsLeavesNoFolderAndASuccessfulRerunReplacesTheOldOne() throws IOException {
        OutputPublisher publisher = new OutputPublisher(outputs);
        assertThatThrownBy(() -> publisher.publish(D, folder -> {
            Files.writeString(folder.resolve("retention_S01.csv"), "partial");
            throw new IOException("writer failed");
        })).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(names(outputs)).isEmpty();

        // A run killed while writing leaves its hidden staging folder; the date's next publish removes it.
        Path killed = Files.createDirectories(outputs.resolve("." + D + ".0f2c.staging"));
        Files.writeString(killed.resolve("retention_S01.csv"), "killed run");
        publisher.publish(D, folder -> Files.writeString(folder.resolve("a.csv"), "one"));
        assertThat(names(outputs)).containsExactly(D.toString());
        Path published = publisher.publish(D, folder -> Files.writeString(folder.resolve("b.csv"), "two"));
        assertThat(published).isEqualTo(outputs.resolve(D.toString()));
        assertThat(names(published)).containsExactly("b.csv");
        assertThat(names(outputs)).containsExactly(D.toString());
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E undeclared(Exception e) throws E {
        throw (E) e;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
