package org.retentionwarehouse.scoring.clv;

import java.nio.file.Path;

/** A transaction log that cannot be read as its format says; names the file and the 1-based line. */
public class TransactionLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    public TransactionLogException(Path file, long line, String problem, Throwable cause) {
        super(file + " line " + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
