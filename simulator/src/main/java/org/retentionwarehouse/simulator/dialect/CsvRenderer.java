package org.retentionwarehouse.simulator.dialect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.retentionwarehouse.simulator.model.CanonicalRecord;
import org.retentionwarehouse.simulator.model.Entity;

/** CSV in any delimiter, quote, encoding and value format a dialect configures. */
final class CsvRenderer implements RecordRenderer {

    private final Dialect dialect;
    private final ValueFormatter values;

    CsvRenderer(Dialect dialect) {
        this.dialect = dialect;
        this.values = new ValueFormatter(dialect);
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String header(Entity fileEntity) {
        List<ColumnLayout> columns = dialect.layout(fileEntity).columns();
        String[] names = new String[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).source();
        }
        return join(names);
    }

    @Override
    public void split(CanonicalRecord record, Consumer<CanonicalRecord> fileRows) {
        if (record.items().isEmpty()) {
            fileRows.accept(record);
            return;
        }
        fileRows.accept(record.withItems(List.of()));
        record.items().forEach(fileRows);
    }

    @Override
    public String line(CanonicalRecord fileRow) {
        return join(cells(fileRow));
    }

    @Override
    public String lineWithWrongFieldCount(CanonicalRecord fileRow, RandomGenerator rng) {
        List<String> cells = new ArrayList<>(Arrays.asList(cells(fileRow)));
        if (rng.nextBoolean()) {
            cells.remove(rng.nextInt(cells.size()));
        } else {
            cells.add(rng.nextInt(cells.size() + 1), rng.nextBoolean() ? "" : "0");
        }
        return join(cells.toArray(String[]::new));
    }

    private String[] cells(CanonicalRecord row) {
        List<ColumnLayout> columns = dialect.layout(row.entity()).columns();
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            ColumnLayout column = columns.get(i);
            String text = values.format(row.values()[column.index()], column);
            cells[i] = text == null ? "" : text;
        }
        return cells;
    }

    private String join(String[] cells) {
        return CsvFormat.join(cells, dialect.delimiter(), dialect.quote());
    }
}
