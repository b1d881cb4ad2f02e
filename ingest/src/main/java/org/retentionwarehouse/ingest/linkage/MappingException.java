package org.retentionwarehouse.ingest.linkage;

/** A linkage mapping or input file that cannot be used; the message names the file and the key. */
public final class MappingException extends IllegalArgumentException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
