package org.retentionwarehouse.pipeline.batch;

/** Process exit codes, documented in the README for schedulers and in every command's {@code --help}. */
public enum ExitCode {
    /** The date is done (also when it was already done before). */
    DONE(0, "done, or done already by an earlier run"),
    /** The run failed; retrying may help (it restarts from the failed step). */
    FAILED(1, "failed; retrying may help (a night restarts from its failed step)"),
    /** Bad input or configuration; fix it before retrying. */
    BAD_INPUT(2, "bad input, configuration or data, named on the one error line; fix it before retrying"),
    /** Another run of the same date is in progress, or a night of another date is writing the warehouse. */
    LOCKED(3, "another run of the date, or a night of another date, holds the lock; try later");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code tells a scheduler or operator, as {@code --help} lists it. */
    public String meaning() {
        return meaning;
    }
}
