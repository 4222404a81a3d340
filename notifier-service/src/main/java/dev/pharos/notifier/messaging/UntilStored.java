package dev.pharos.notifier.messaging;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries storing a consumed record's effect until it succeeds, with growing pauses. The record's offset is committed
 * only afterwards, so a database outage pauses consumption instead of losing records or stopping the channel.
 */
final class UntilStored {

    private static final Logger LOG = Logger.getLogger(UntilStored.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private UntilStored() {
    }

    static <T> T run(String what, Supplier<T> work) throws InterruptedException {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                LOG.warnf("cannot store %s yet, retrying in %d ms: %s", what, wait.toMillis(), e.getMessage());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }
}
