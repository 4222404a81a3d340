package dev.pharos.notifier.service;

import dev.pharos.notifier.channel.ChannelRegistry;
import dev.pharos.notifier.channel.Notification;
import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.Backoff;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.repository.AlertRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Drains the delivery outbox: claims due PENDING deliveries, sends each through its channel, and marks it SENT, or
 * schedules a retry with exponential backoff and jitter, or gives it up (DEAD) after the last attempt.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final AlertRepository repository;
    private final ChannelRegistry channels;
    private final NotifierConfig config;

    public DeliveryWorker(AlertRepository repository, ChannelRegistry channels, NotifierConfig config) {
        this.repository = repository;
        this.channels = channels;
        this.config = config;
    }

    @Scheduled(every = "${pharos.notifier.deliver-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        try {
            for (int sent = 0; sent < config.deliveryBatchSize(); sent++) {
                if (!QuarkusTransaction.requiringNew().call(this::deliverOne)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("delivering notifications failed, retrying on the next tick: %s", e.getMessage());
        }
    }

    /**
     * Sends one due delivery and records the outcome in the same short transaction, so a failed commit can at most
     * repeat that one notification, never a whole batch.
     *
     * @return false when nothing was due
     */
    private boolean deliverOne() {
        List<Delivery> due = repository.claimDueDeliveries(Instant.now(), 1);
        due.forEach(this::attempt);
        return !due.isEmpty();
    }

    private void attempt(Delivery delivery) {
        Incident incident = Incident.findById(delivery.incidentId);
        var notification = new Notification(delivery.transition, incident.id, incident.monitorId,
                incident.monitorName, incident.monitorUrl, incident.cause, incident.firstFailureAt,
                incident.duration());
        delivery.attempts++;
        try {
            channels.find(delivery.channel)
                    .orElseThrow(() -> new IllegalStateException("no channel '" + delivery.channel + "'"))
                    .send(notification, delivery.contact());
            delivery.status = Delivery.Status.SENT;
            delivery.sentAt = Instant.now();
            delivery.lastError = null;
            LOG.infof("sent %s %s notification for incident %s (attempt %d)", delivery.channel, delivery.transition,
                    incident.id, delivery.attempts);
        } catch (Exception e) {
            // Channels' messages say what failed and never carry a secret (ChannelException); SMTP errors carry none.
            delivery.lastError = truncate(e.getClass().getSimpleName() + ": " + e.getMessage(), 500);
            if (delivery.attempts >= config.maxAttempts()) {
                delivery.status = Delivery.Status.DEAD;
                LOG.errorf("gave up %s %s notification for incident %s after %d attempts: %s", delivery.channel,
                        delivery.transition, incident.id, delivery.attempts, delivery.lastError);
            } else {
                Duration wait = Backoff.delay(delivery.attempts, config.retryInitialBackoff(),
                        config.retryMaxBackoff(), ThreadLocalRandom.current());
                delivery.nextAttemptAt = Instant.now().plus(wait);
                LOG.warnf("%s %s notification for incident %s failed (attempt %d), retrying in %d ms: %s",
                        delivery.channel, delivery.transition, incident.id, delivery.attempts, wait.toMillis(),
                        delivery.lastError);
            }
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
