package dev.pharos.support;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Stores a consumed record's effect. While the database is unreachable it retries with growing pauses, for as long as
 * it takes: the offset is committed only afterwards, so an outage pauses consumption instead of losing records. An
 * error that retrying cannot cure (the record's data breaks a constraint) is tried a few times, then logged and
 * skipped, so one bad record never blocks a partition.
 */
public final class UntilStored {

    private static final Logger LOG = Logger.getLogger(UntilStored.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final int ATTEMPTS_FOR_DATA_ERRORS = 3;

    private UntilStored() {
    }

    /** @return the work's result, or empty when the record was skipped */
    public static <T> Optional<T> run(String what, Supplier<T> work) throws InterruptedException {
        Duration wait = FIRST_WAIT;
        for (int dataErrors = 0; ; ) {
            try {
                return Optional.ofNullable(work.get());
            } catch (RuntimeException e) {
                if (!isTransient(e) && ++dataErrors >= ATTEMPTS_FOR_DATA_ERRORS) {
                    LOG.errorf(e, "skipping %s: storing it failed %d times in a way retrying cannot cure", what,
                            dataErrors);
                    return Optional.empty();
                }
                LOG.warnf("cannot store %s yet, retrying in %d ms: %s", what, wait.toMillis(), e.getMessage());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Whether the failure is about reaching the database rather than about the data: connection errors (SQLSTATE
     * class 08), resource or operator trouble (53, 57), serialization failures and deadlocks (40), and pool timeouts.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("40");
            }
        }
        return false;
    }
}
