package dev.pharos.checker.messaging;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Consumes check requests and publishes their results, at most {@code pharos.checker.max-in-flight} at once. A
 * request is acknowledged (and its offset becomes committable) only when its result has been acknowledged by the
 * broker; when all slots are busy, demand stops and the Kafka consumer pauses until a check finishes.
 *
 * <p>On shutdown no new check starts, and the running ones get {@code pharos.checker.shutdown-grace} to finish and
 * publish. A check still running after that publishes nothing: its request stays unacknowledged, so its offset is not
 * committed and another checker of the region checks it after the rebalance.
 *
 * <p>Every region's checkers read every request (one consumer group per region). A request whose {@code regions} do
 * not include this checker's {@code pharos.checker.region} is not ours: it is acknowledged at once, without a check or
 * a result, so its offset is committed like any other, and counted in {@code pharos_checks_skipped_total}.
 */
@ApplicationScoped
public class CheckConsumer {

    private static final Logger LOG = Logger.getLogger(CheckConsumer.class);
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final HttpChecker checker;
    private final CheckerConfig config;
    private final CheckMetrics metrics;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean abandoned;

    public CheckConsumer(HttpChecker checker, CheckerConfig config, CheckMetrics metrics) {
        if (!REGION.matcher(config.region()).matches()) {
            // Monitors name regions this way (the scheduler checks); any other name would match none of them.
            throw new IllegalArgumentException("pharos.checker.region must be 1-32 lowercase letters, digits and -"
                    + " starting with a letter or digit, not '" + config.region() + "'");
        }
        this.checker = checker;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming("checks-requested")
    @Outgoing("checks-completed-out")
    public Multi<Message<Record<String, CheckCompleted>>> process(Multi<Message<CheckRequested>> requests) {
        return requests
                .select().where(this::isWellFormed)
                .select().where(this::isForThisRegion)
                .onItem().transformToUni(this::check)
                .merge(config.maxInFlight());
    }

    private Uni<Message<Record<String, CheckCompleted>>> check(Message<CheckRequested> message) {
        if (stopping) {
            // Left unacknowledged on purpose: the request is redelivered to a checker that is not stopping.
            return Uni.createFrom().nothing();
        }
        // A check counts as running until its result is published (or abandoned), so the drain waits for both.
        return checker.check(message.getPayload())
                .onSubscription().invoke(subscription -> {
                    running.incrementAndGet();
                    metrics.started();
                })
                .onCancellation().invoke(this::done)
                .invoke(metrics::finished)
                .onItem().transformToUni(result -> {
                    if (abandoned) {
                        done();
                        return Uni.createFrom().nothing();
                    }
                    return Uni.createFrom().item(Message.of(Record.of(result.monitorId().toString(), result),
                            () -> message.ack().whenComplete((ignored, failure) -> done()),
                            failure -> message.nack(failure).whenComplete((ignored, error) -> done())));
                });
    }

    private void done() {
        synchronized (running) {
            running.decrementAndGet();
            running.notifyAll();
        }
    }

    /**
     * Runs before the Kafka connector closes: stops new checks and waits, up to the grace period, for the running ones
     * to finish; then abandons the rest (see the class comment).
     */
    void drain(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        synchronized (running) {
            while (running.get() > 0 && System.nanoTime() < deadline) {
                running.wait(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            }
        }
        abandoned = true;
        LOG.infof("stopping: %d checks abandoned to another checker", running.get());
    }

    /** A request that could not be read is acknowledged and skipped: retrying it would never succeed. */
    private boolean isWellFormed(Message<CheckRequested> message) {
        if (message.getPayload() != null) {
            return true;
        }
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresentOrElse(
                kafka -> LOG.warnf("skipping a malformed check request at %s-%d offset %d", kafka.getTopic(),
                        kafka.getPartition(), kafka.getOffset()),
                () -> LOG.warn("skipping a malformed check request"));
        message.ack();
        return false;
    }

    /** A request for other regions only is acknowledged and skipped: it is not ours to check, nor to hold up. */
    private boolean isForThisRegion(Message<CheckRequested> message) {
        CheckRequested request = message.getPayload();
        if (request.isFor(config.region())) {
            return true;
        }
        LOG.debugf("check %s of monitor %s is for %s, not %s: skipped", request.checkId(), request.monitorId(),
                request.regions(), config.region());
        metrics.skippedForOtherRegion();
        message.ack();
        return false;
    }
}
