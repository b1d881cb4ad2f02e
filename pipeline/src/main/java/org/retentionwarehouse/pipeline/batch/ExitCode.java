package org.retentionwarehouse.pipeline.batch;

/** Process exit codes, documented in the README for schedulers. */
public enum ExitCode {
    /** The date is done (also when it was already done before). */
    DONE(0),
    /** The run failed; retrying may help (it restarts from the failed step). */
    FAILED(1),
    /** Bad input or configuration; fix it before retrying. */
    BAD_INPUT(2),
    /** Another run of the same date is in progress, or a night of another date is writing the warehouse. */
    LOCKED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
