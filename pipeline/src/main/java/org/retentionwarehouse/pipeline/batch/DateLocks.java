package org.retentionwarehouse.pipeline.batch;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Exclusive rights to run jobs for one business date, released however their holder ends (kill -9
 * included). Holding a date's lock proves that no other launcher runs that date, so whatever the job
 * repository still shows as running for it was left by a dead process.
 */
interface DateLocks {

    /** Takes the date's lock without waiting; empty when another launcher holds it. */
    Optional<Held> tryAcquire(LocalDate date);

    /** Names the lock of {@code date} for messages. */
    String describe(LocalDate date);

    /** A held lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
