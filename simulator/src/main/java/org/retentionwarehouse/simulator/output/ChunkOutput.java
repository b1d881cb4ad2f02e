package org.retentionwarehouse.simulator.output;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.retentionwarehouse.simulator.dialect.CsvFormat;
import org.retentionwarehouse.simulator.dialect.RecordRenderer;
import org.retentionwarehouse.simulator.extract.ExtractSink;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;
import org.retentionwarehouse.simulator.truth.TruthFile;
import org.retentionwarehouse.simulator.world.Person;

/**
 * The rendered output of a chunk of persons, in the order it was produced. Workers fill chunks in
 * parallel; the writer appends them in chunk order, which keeps files byte-identical for a seed.
 */
public final class ChunkOutput implements ExtractSink {

    private final OutputLayout layout;
    private final List<OutputLine> lines = new ArrayList<>();
    private final Map<Charset, CharsetEncoder> encoders = new HashMap<>();

    /** An empty chunk. */
    public ChunkOutput(OutputLayout layout) {
        this.layout = layout;
    }

    @Override
    public void extract(int store, int night, CanonicalRecord record) {
        RecordRenderer renderer = layout.renderer(store);
        Charset charset = renderer.dialect().charset();
        renderer.split(record, row -> lines.add(new OutputLine(layout.extractFile(store, night, row.entity()),
                encode(renderer.line(row) + "\n", charset), store, row)));
    }

    @Override
    public void sourceRecord(int store, Entity entity, String sourceId, Person person) {
        truth(TruthFile.SOURCE_RECORDS, layout.stores().get(store).id(), entity.key(), sourceId, person.id());
    }

    /** A row of a truth file. */
    public void truth(TruthFile file, String... cells) {
        lines.add(new OutputLine(layout.truthFile(file), truthLine(cells), -1, null));
    }

    /** A truth-file line (UTF-8 CSV) with line end. */
    static byte[] truthLine(String... cells) {
        return (CsvFormat.join(cells, ',', '"') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    List<OutputLine> lines() {
        return lines;
    }

    /** Strict encoding: a character the file's charset cannot hold is a bug, not a '?'. */
    private byte[] encode(String text, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        CharsetEncoder encoder = encoders.computeIfAbsent(charset, c -> c.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot encode in " + charset + ": " + text, e);
        }
    }
}
