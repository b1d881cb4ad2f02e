package org.retentionwarehouse.simulator.output;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.retentionwarehouse.simulator.extract.SourceIds;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.truth.TruthFile;

/**
 * Writes chunks of rendered lines to their files in chunk order, counts physical lines, injects the
 * corrupted copies and records each in {@code truth/malformed.csv} with its exact line number.
 * Every file exists from the start (with its header), so empty nights still deliver every file.
 */
public final class ExtractWriter implements Closeable {

    /** Buffered bytes before the buffers are spilled to disk. */
    private static final long BUFFER_LIMIT = 64L << 20;

    private final OutputLayout layout;
    private final SpillingFiles files;
    private final MalformedInjector injector;
    private final long[] lineCounts;
    private final long[] rowsPerEntity = new long[Entity.values().length];
    private long malformedRows;

    /** Creates every file of the layout. */
    public ExtractWriter(OutputLayout layout, long seed, double badRowRate, SourceIds ids, int persons)
            throws IOException {
        this.layout = layout;
        this.files = new SpillingFiles(layout.size(), layout::path, BUFFER_LIMIT);
        this.injector = new MalformedInjector(seed, badRowRate, ids, persons);
        this.lineCounts = new long[layout.size()];
        for (int file = 0; file < layout.size(); file++) {
            String header = layout.header(file);
            files.create(file, header.getBytes(layout.charset(file)));
            lineCounts[file] = header.isEmpty() ? 0 : 1;
        }
    }

    /** Appends a chunk's lines. */
    public void write(ChunkOutput chunk) throws IOException {
        for (OutputLine line : chunk.lines()) {
            files.append(line.file(), line.bytes());
            lineCounts[line.file()]++;
            if (line.row() != null) {
                count(line.row());
                inject(line.file(), line.store(), line.row());
            }
        }
    }

    /** Appends a row to a truth file. */
    public void truth(TruthFile file, String... cells) throws IOException {
        int id = layout.truthFile(file);
        files.append(id, ChunkOutput.truthLine(cells));
        lineCounts[id]++;
    }

    private void count(CanonicalRecord row) {
        rowsPerEntity[row.entity().ordinal()]++;
        for (CanonicalRecord item : row.items()) {
            rowsPerEntity[item.entity().ordinal()]++;
        }
    }

    private void inject(int file, int store, CanonicalRecord row) throws IOException {
        MalformedInjector.Injection bad = injector.maybeInject(store, layout.renderer(store), row);
        if (bad == null) {
            return;
        }
        files.append(file, bad.bytes());
        long line = ++lineCounts[file];
        malformedRows++;
        truth(TruthFile.MALFORMED, layout.stores().get(store).id(), layout.businessDate(file).toString(),
                layout.fileName(file), Long.toString(line), bad.entity().key(), bad.kind().code());
    }

    /** Data rows written per entity (corrupted copies excluded). */
    public Map<String, Long> rowsPerEntity() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Entity e : Entity.values()) {
            rows.put(e.key(), rowsPerEntity[e.ordinal()]);
        }
        return rows;
    }

    /** Corrupted copies written. */
    public long malformedRows() {
        return malformedRows;
    }

    /** Data lines written to a truth file so far. */
    public long truthRows(TruthFile file) {
        return lineCounts[layout.truthFile(file)] - 1;
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
