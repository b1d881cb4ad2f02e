package org.retentionwarehouse.scoring.clv;

import java.util.ArrayList;
import java.util.List;

/**
 * How the fields of a transaction-log line are separated. Comma, semicolon and tab files may quote
 * fields with double quotes ({@code ""} inside quotes is one quote); whitespace files (CDNOW's raw
 * layout, space-padded columns) split on runs of spaces or tabs and have no quoting.
 */
public enum Delimiter {
    COMMA(','),
    SEMICOLON(';'),
    TAB('\t'),
    WHITESPACE(' ');

    private final char separator;

    Delimiter(char separator) {
        this.separator = separator;
    }

    /**
     * Guesses the delimiter from a file's first non-blank line: a tab, else a semicolon, else a
     * comma, else whitespace. Semicolon wins over comma because semicolon files are the ones whose
     * amounts may carry decimal commas.
     */
    public static Delimiter detect(String line) {
        if (line.indexOf('\t') >= 0) {
            return TAB;
        }
        if (line.indexOf(';') >= 0) {
            return SEMICOLON;
        }
        return line.indexOf(',') >= 0 ? COMMA : WHITESPACE;
    }

    /**
     * Splits one line into trimmed fields.
     *
     * @throws IllegalArgumentException if a quoted field is not closed on the line
     */
    public List<String> split(String line) {
        return this == WHITESPACE ? splitOnWhitespace(line) : splitQuoted(line);
    }

    private static List<String> splitOnWhitespace(String line) {
        List<String> fields = new ArrayList<>();
        int length = line.length();
        int i = 0;
        while (i < length) {
            while (i < length && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields;
    }

    private List<String> splitQuoted(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote");
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
