package dev.pharos.checker.messaging;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Sends check results to {@code pharos.checks.completed}, keyed by monitor id, from a thread of its own: serializing
 * and sending never holds up an event loop or the consumer. Each result ends one way: published (the broker
 * acknowledged it), let go (it can never be sent), or given up (the checker is stopping and can wait no longer).
 *
 * <p>A result the broker refuses is sent again a second later, for as long as it takes (an outage longer than the
 * producer's own retries is waited out). One that cannot be sent at all — it cannot be serialized, or is larger than
 * the broker takes — is logged and let go. Any other refusal (the producer will not work, say for lack of
 * authorization) is kept as {@link #failure()}, which fails liveness so the process is restarted, and is retried
 * meanwhile.
 */
final class ResultPublisher {

    private static final Logger LOG = Logger.getLogger(ResultPublisher.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * How a result ended; called on the producer's or the publisher's thread, or on the caller's when the publisher
     * has already stopped.
     */
    interface Outcome {

        /** Published, or let go because it never can be: its request is done. */
        void done();

        /** Not published, and no longer tried: the checker is stopping. Its request stays undone. */
        void givenUp();
    }

    private final Producer<String, Object> producer;
    private final ScheduledExecutorService thread;
    private volatile boolean givingUp;
    private volatile Exception failure;

    ResultPublisher(Producer<String, Object> producer) {
        this.producer = producer;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var publisherThread = new Thread(runnable, "checker-publisher");
            publisherThread.setDaemon(true);
            return publisherThread;
        });
    }

    /** The producer settings for results: {@code kafkaConfig} (servers, security) and ours over it. */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, String clientId) {
        var settings = new HashMap<String, Object>();
        // Results wait up to 50 ms to travel in bigger batches: fewer produce requests, whose handling (not the
        // records in them) is most of the broker's work for a checker.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        settings.putAll(kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    /** Hands {@code result} to the publisher's thread; {@code outcome} hears how it ended. */
    void publish(CheckCompleted result, Outcome outcome) {
        try {
            thread.execute(() -> send(result, outcome));
        } catch (RejectedExecutionException stopped) { // finished after the shutdown gave up on it
            outcome.givenUp();
        }
    }

    /** Why the producer refuses to work, if it does (liveness reports it). */
    Exception failure() {
        return failure;
    }

    /** The checker stops waiting for results: those not yet published are given up from now on. */
    void giveUp() {
        givingUp = true;
    }

    /** Gives up what is not yet published, stops the thread and closes the producer (each waiting at most 5 s). */
    void close() throws InterruptedException {
        giveUp();
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(5));
    }

    private void send(CheckCompleted result, Outcome outcome) {
        if (givingUp) {
            outcome.givenUp();
            return;
        }
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKS_COMPLETED, result.monitorId().toString(), result),
                    (metadata, error) -> {
                        if (error == null) {
                            outcome.done();
                        } else {
                            notPublished(result, outcome, error);
                        }
                    });
        } catch (RuntimeException e) {
            notPublished(result, outcome, e);
        }
    }

    private void notPublished(CheckCompleted result, Outcome outcome, Exception error) {
        if (givingUp) {
            outcome.givenUp();
            return;
        }
        if (error instanceof RecordTooLargeException || error instanceof SerializationException
                || error instanceof IllegalArgumentException) {
            LOG.errorf(error, "the result of check %s of monitor %s cannot be published; its request is skipped",
                    result.checkId(), result.monitorId());
            outcome.done();
            return;
        }
        if (error instanceof RetriableException) {
            LOG.warnf("publishing the result of check %s failed (%s); trying again", result.checkId(), error);
        } else {
            failure = error;
            LOG.errorf(error, "publishing the result of check %s failed; trying again", result.checkId());
        }
        try {
            thread.schedule(() -> send(result, outcome), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) { // the publisher has been shut down
            outcome.givenUp();
        }
    }
}
