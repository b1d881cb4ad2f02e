package org.retentionwarehouse.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the UTF-8 truth CSV files as lists of column maps. */
final class TruthFiles {

    private TruthFiles() {
    }

    static List<Map<String, String>> read(Path home, String file) {
        try {
            List<String> lines = Files.readAllLines(home.resolve("truth").resolve(file), StandardCharsets.UTF_8);
            List<String> header = CsvLines.split(lines.get(0), ',', '"');
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = CsvLines.split(line, ',', '"');
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
