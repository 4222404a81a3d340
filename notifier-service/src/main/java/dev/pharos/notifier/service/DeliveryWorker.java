package dev.pharos.notifier.service;

import dev.pharos.notifier.channel.ChannelException;
import dev.pharos.notifier.channel.ChannelRegistry;
import dev.pharos.notifier.channel.NotificationChannel;
import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.CircuitBreaker;
import dev.pharos.notifier.service.DeliveryLedger.Claimed;
import dev.pharos.support.UntilStored;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Drains the delivery outbox, one lane per channel kind. A lane sends at most {@code channel-concurrency} deliveries
 * of its kind at once, on threads of its own (never an event loop, never the Kafka consumers' workers), so a
 * provider that hangs until its time limit holds only its own lane. Each lane has a {@link CircuitBreaker}: while it
 * is open, that kind's deliveries stay queued and its provider is not called; after the cool-down one probe
 * delivery decides whether it closes. Every send is claimed and recorded in short transactions of its own
 * ({@link DeliveryLedger}).
 */
@Startup
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** One channel kind's concurrency limit and circuit breaker. */
    private record Lane(String kind, Semaphore slots, CircuitBreaker circuit) {
    }

    private final DeliveryLedger ledger;
    private final ChannelRegistry channels;
    private final NotifierConfig config;
    private final FaultPoints faults;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ExecutorService senders;

    public DeliveryWorker(DeliveryLedger ledger, ChannelRegistry channels, NotifierConfig config,
                          FaultPoints faults) {
        requireAtLeastOne("pharos.notifier.default-channel-concurrency", config.defaultChannelConcurrency());
        config.channelConcurrency().forEach((kind, n) ->
                requireAtLeastOne("pharos.notifier.channel-concurrency." + kind, n));
        requireAtLeastOne("pharos.notifier.circuit-failure-threshold", config.circuitFailureThreshold());
        warnIfLeaseIsShort(config);
        this.ledger = ledger;
        this.channels = channels;
        this.config = config;
        this.faults = faults;
        var threads = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(task -> {
            var thread = new Thread(task, "pharos-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A send may first ask its provider about an unsettled attempt (up to two calls), then send: three time limits.
     * A lease shorter than that lets another sender take the delivery while this one still works on it.
     */
    private static void warnIfLeaseIsShort(NotifierConfig config) {
        Duration longest = config.channelTimeout().values().stream().reduce(config.defaultChannelTimeout(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (config.deliveryLease().compareTo(longest.multipliedBy(3)) <= 0) {
            LOG.warnf("pharos.notifier.delivery-lease (%s) should be longer than three times the longest channel "
                    + "time limit (%s): a send may outlast its lease and be sent twice", config.deliveryLease(),
                    longest);
        }
    }

    private static void requireAtLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, not " + value);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        senders.shutdown();
        // Sends still running after this are cut off; their deliveries are retried once their lease has run out.
        if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }

    @Scheduled(every = "${pharos.notifier.deliver-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        try {
            for (String kind : ledger.kindsDue()) {
                startSends(lane(kind));
            }
        } catch (RuntimeException e) {
            LOG.warnf("delivering notifications failed, retrying on the next tick: %s", e.getMessage());
        }
    }

    /** The circuit breaker of a channel kind. */
    CircuitBreaker circuit(String kind) {
        return lane(kind).circuit();
    }

    private Lane lane(String kind) {
        return lanes.computeIfAbsent(kind, k -> new Lane(k, new Semaphore(config.concurrencyOf(k)),
                new CircuitBreaker(config.circuitFailureThreshold(), config.circuitOpenFor())));
    }

    /** Fills the lane's free slots with due deliveries, as far as its circuit allows. */
    private void startSends(Lane lane) {
        while (lane.slots().tryAcquire()) {
            Optional<Claimed> claimed;
            try {
                claimed = claimNext(lane);
            } catch (RuntimeException e) {
                lane.slots().release();
                throw e;
            }
            if (claimed.isEmpty()) {
                lane.slots().release();
                return;
            }
            try {
                senders.execute(() -> sendWhileDue(lane, claimed.get()));
            } catch (RejectedExecutionException e) {
                // Shutting down: give the delivery back for the next start, or another replica.
                lane.slots().release();
                lane.circuit().release();
                ledger.putBack(claimed.get(), Instant.now());
                return;
            }
        }
    }

    /** The next due delivery of the lane's kind, claimed; empty when its circuit refuses or none is due. */
    private Optional<Claimed> claimNext(Lane lane) {
        if (!lane.circuit().tryAcquire(Instant.now())) {
            return Optional.empty();
        }
        try {
            Optional<Claimed> claimed = ledger.claim(lane.kind());
            if (claimed.isEmpty()) {
                lane.circuit().release();
            }
            return claimed;
        } catch (RuntimeException e) {
            lane.circuit().release();
            throw e;
        }
    }

    /** On a sender thread: sends, then goes on with the lane's next due delivery while there is one. */
    private void sendWhileDue(Lane lane, Claimed first) {
        try {
            Optional<Claimed> next = Optional.of(first);
            while (next.isPresent()) {
                send(lane, next.get());
                next = senders.isShutdown() ? Optional.empty() : claimNext(lane);
            }
        } catch (RuntimeException e) {
            // A claimed delivery whose outcome could not be stored is retried when its lease runs out.
            LOG.warnf("delivering %s notifications failed, retrying on the next tick: %s", lane.kind(),
                    e.getMessage());
        } finally {
            lane.slots().release();
        }
    }

    private void send(Lane lane, Claimed claimed) {
        NotificationChannel channel = channels.find(claimed.channel()).orElse(null);
        if (channel == null) {
            failed(lane, claimed, new IllegalStateException("no channel '" + claimed.channel() + "'"),
                    claimed.unsettledSince() != null);
            return;
        }
        try {
            if (claimed.unsettledSince() != null && acceptedEarlier(channel, claimed)) {
                lane.circuit().onSuccess();
                record(claimed, "accepted send", () -> ledger.sent(claimed));
                return;
            }
        } catch (Exception e) {
            // Asking failed: nothing was sent, and the earlier attempt stays unsettled for the next.
            failed(lane, claimed, e, true);
            return;
        }
        try {
            channel.send(claimed.notification(), claimed.contact());
        } catch (Exception e) {
            // A send that got no answer in time may have been accepted: the next attempt asks first.
            failed(lane, claimed, e, e instanceof ChannelException sent && sent.mayHaveArrived());
            return;
        }
        faults.afterProviderAccepted(claimed);
        lane.circuit().onSuccess();
        record(claimed, "accepted send", () -> ledger.sent(claimed));
    }

    /**
     * Whether the provider accepted the notification in the unsettled earlier attempt. On the delivery's last attempt
     * a provider that cannot be asked does not stop the send: a possible copy is better than a lost notification.
     */
    private boolean acceptedEarlier(NotificationChannel channel, Claimed claimed) throws Exception {
        try {
            boolean accepted = channel.accepted(claimed.notification(), claimed.contact(), claimed.unsettledSince());
            if (accepted) {
                LOG.infof("delivery %s: its provider had accepted the attempt begun at %s, whose outcome was not "
                        + "recorded; recorded as sent, not sent again", claimed.id(), claimed.unsettledSince());
            }
            return accepted;
        } catch (Exception e) {
            if (claimed.attempt() < config.maxAttempts()) {
                throw e;
            }
            LOG.warnf("delivery %s: cannot ask whether the attempt begun at %s was accepted (%s); its last attempt "
                    + "sends it anyway", claimed.id(), claimed.unsettledSince(), e.getMessage());
            return false;
        }
    }

    private void failed(Lane lane, Claimed claimed, Exception e, boolean unsettled) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        lane.circuit().onFailure(Instant.now());
        // Channels' messages say what failed and never carry a secret (ChannelException); SMTP errors carry none.
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        record(claimed, "failed send", () -> ledger.failed(claimed, error, unsettled));
    }

    /**
     * Records a send's outcome, waiting out a database outage ({@link UntilStored}): were it given up, the delivery
     * would be sent again once its lease ran out, although the provider had accepted it.
     */
    private static void record(Claimed claimed, String what, Runnable outcome) {
        try {
            UntilStored.run("the " + what + " of delivery " + claimed.id(), () -> {
                outcome.run();
                return Boolean.TRUE;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("stopped before recording the %s of delivery %s: it is retried when its lease runs out", what,
                    claimed.id());
        }
    }
}
