package dev.pharos.notifier.service;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.channel.Notification;
import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.Backoff;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.repository.AlertRepository;
import dev.pharos.notifier.service.EventOutbox.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The delivery outbox's short transactions: claim one due delivery for a send, then record how the send ended, with
 * its event for {@code pharos.notifications} (and {@code pharos.notifications.dlq} when it is given up). No
 * transaction and no database connection is held while a provider is called.
 */
@ApplicationScoped
public class DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class);

    /**
     * A delivery held for one send by the claim {@code token}. {@code unsettledSince} is when an earlier attempt
     * began whose outcome was never recorded (its sender stopped before it could; the provider may have accepted it),
     * or null when every earlier attempt was recorded.
     */
    public record Claimed(UUID id, UUID token, String channel, int attempt, Contact contact,
                          Notification notification, UUID monitorId, Instant unsettledSince) {
    }

    private final AlertRepository repository;
    private final EventOutbox events;
    private final NotifierConfig config;

    public DeliveryLedger(AlertRepository repository, EventOutbox events, NotifierConfig config) {
        this.repository = repository;
        this.events = events;
        this.config = config;
    }

    /** The channel kinds that have a delivery due. */
    @Transactional
    public List<String> kindsDue() {
        return repository.channelsDue(Instant.now());
    }

    /**
     * Claims the most overdue delivery of that kind that no one else holds (FOR UPDATE SKIP LOCKED): counts the
     * attempt and reserves the row for the send's lease. A claim token still set means the earlier claim's lease ran
     * out without an outcome: that attempt is unsettled.
     */
    @Transactional
    public Optional<Claimed> claim(String kind) {
        Instant now = Instant.now();
        return repository.claimDueDeliveries(kind, now, 1).stream().findFirst().map(delivery -> {
            if (delivery.claimToken != null && delivery.unsettledSince == null) {
                delivery.unsettledSince = delivery.claimedAt != null ? delivery.claimedAt
                        : delivery.nextAttemptAt.minus(config.deliveryLease());
            }
            delivery.attempts++;
            delivery.claimedAt = now;
            delivery.claimToken = UUID.randomUUID();
            delivery.nextAttemptAt = now.plus(config.deliveryLease());
            Incident incident = Incident.findById(delivery.incidentId);
            // A FLAPPING notice says how often it changed and since when, not what failed.
            var notification = new Notification(delivery.transition, incident.id, incident.monitorId,
                    incident.monitorName, incident.monitorUrl,
                    delivery.messageCause != null ? delivery.messageCause : incident.cause,
                    delivery.messageSince != null ? delivery.messageSince : incident.firstFailureAt,
                    incident.duration());
            return new Claimed(delivery.id, delivery.claimToken, delivery.channel, delivery.attempts,
                    delivery.contact(), notification, incident.monitorId, delivery.unsettledSince);
        });
    }

    @Transactional
    public void sent(Claimed claimed) {
        Delivery delivery = held(claimed);
        if (delivery == null) {
            return;
        }
        Instant now = Instant.now();
        delivery.status = Delivery.Status.SENT;
        delivery.sentAt = now;
        delivery.lastError = null;
        delivery.claimToken = null;
        delivery.unsettledSince = null;
        events.attempt(delivery, claimed.monitorId(), AttemptStatus.SENT, now);
        LOG.infof("sent %s %s notification for incident %s (attempt %d)", delivery.channel, delivery.transition,
                delivery.incidentId, delivery.attempts);
    }

    /**
     * Schedules a retry with exponential backoff and jitter, or gives the delivery up after the last attempt.
     * {@code unsettled}: whether the provider may have accepted the notification all the same (asking it about an
     * earlier attempt failed, or this send got no answer in time): the next attempt asks first. Otherwise the provider
     * surely has not, and the delivery is settled.
     */
    @Transactional
    public void failed(Claimed claimed, String error, boolean unsettled) {
        Delivery delivery = held(claimed);
        if (delivery == null) {
            return;
        }
        Instant now = Instant.now();
        delivery.lastError = error.length() <= 500 ? error : error.substring(0, 500);
        delivery.claimToken = null;
        if (!unsettled) {
            delivery.unsettledSince = null;
        } else if (delivery.unsettledSince == null) {
            delivery.unsettledSince = delivery.claimedAt;
        }
        if (delivery.attempts >= config.maxAttempts()) {
            delivery.status = Delivery.Status.DEAD;
            events.attempt(delivery, claimed.monitorId(), AttemptStatus.DEAD, now);
            events.deadLettered(delivery, claimed.monitorId(), now);
            LOG.errorf("gave up %s %s notification for incident %s after %d attempts: %s", delivery.channel,
                    delivery.transition, delivery.incidentId, delivery.attempts, delivery.lastError);
            return;
        }
        Duration wait = Backoff.delay(delivery.attempts, config.retryInitialBackoff(), config.retryMaxBackoff(),
                ThreadLocalRandom.current());
        delivery.nextAttemptAt = now.plus(wait);
        events.attempt(delivery, claimed.monitorId(), AttemptStatus.FAILED, now);
        LOG.warnf("%s %s notification for incident %s failed (attempt %d), retrying in %d ms: %s", delivery.channel,
                delivery.transition, delivery.incidentId, delivery.attempts, wait.toMillis(), delivery.lastError);
    }

    /** Gives a claimed delivery back unsent, due again at {@code dueAt}; the attempt does not count. */
    @Transactional
    public void putBack(Claimed claimed, Instant dueAt) {
        Delivery delivery = held(claimed);
        if (delivery != null) {
            delivery.attempts--;
            delivery.claimToken = null;
            delivery.nextAttemptAt = dueAt;
        }
    }

    /** The delivery, locked, if this claim still holds it; null (logged) when its lease ran out and it was retaken. */
    private static Delivery held(Claimed claimed) {
        Delivery delivery = Delivery.findById(claimed.id(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !claimed.token().equals(delivery.claimToken)) {
            LOG.warnf("delivery %s was no longer held by this send (its lease ran out); its outcome is not recorded",
                    claimed.id());
            return null;
        }
        return delivery;
    }
}
