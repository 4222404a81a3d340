package dev.pharos.notifier.repository;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.MonitorState;
import dev.pharos.notifier.domain.Transition;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The notifier's queries that need PostgreSQL itself: idempotent inserts and row claims. */
@ApplicationScoped
public class AlertRepository {

    /** Records a result as applied; false when it was applied before. */
    public boolean markProcessed(UUID checkId, Instant now) {
        return Panache.getEntityManager().createNativeQuery(
                        "INSERT INTO processed_check (check_id, processed_at) VALUES (:id, :now) "
                                + "ON CONFLICT (check_id) DO NOTHING")
                .setParameter("id", checkId)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /**
     * Queues a delivery to the contact, with its settings and channel id, unless one with the same idempotency key
     * exists.
     *
     * @param sequence a REMINDER's sequence number (1 for the first), else 0
     * @param cause    what the message says instead of the incident's cause, or null
     * @param since    what the message says instead of the incident's first failure, or null
     */
    public void queueDelivery(UUID incidentId, Transition transition, int sequence, Contact contact, String cause,
                              Instant since, Instant now) {
        Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO delivery (id, idempotency_key, incident_id, transition, channel, target, settings,
                                              channel_id, message_cause, message_since,
                                              status, attempts, next_attempt_at, created_at)
                        VALUES (:id, :key, :incident, :transition, :channel, :target, :settings,
                                :channelId, :cause, :since, 'PENDING', 0, :now, :now)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("key", Delivery.idempotencyKey(incidentId, transition, sequence, contact.channel(),
                        contact.target()))
                .setParameter("incident", incidentId)
                .setParameter("transition", transition.name())
                .setParameter("channel", contact.channel())
                .setParameter("target", contact.target())
                .setParameter("settings", Delivery.writeSettings(contact))
                .setParameter("channelId", contact.channelId())
                .setParameter("cause", cause)
                .setParameter("since", since)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Locks up to {@code limit} monitors whose reminder is due and that no other replica holds. */
    @SuppressWarnings("unchecked")
    public List<MonitorState> claimDueReminders(Instant now, int limit) {
        return Panache.getEntityManager().createNativeQuery("""
                        SELECT * FROM monitor_state
                        WHERE next_reminder_at <= :now
                        ORDER BY next_reminder_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""", MonitorState.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** The channel kinds with a pending delivery that is due. */
    @SuppressWarnings("unchecked")
    public List<String> channelsDue(Instant now) {
        return Panache.getEntityManager().createNativeQuery(
                        "SELECT DISTINCT channel FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= :now")
                .setParameter("now", now)
                .getResultList();
    }

    /**
     * Locks up to {@code limit} due pending deliveries of one channel kind that no other worker holds. A delivery
     * waits while an older one to the same contact about the same monitor is still pending (retrying, or held by a
     * send): the owner hears DOWN before RECOVERED even when DOWN needed more attempts.
     */
    @SuppressWarnings("unchecked")
    public List<Delivery> claimDueDeliveries(String channel, Instant now, int limit) {
        return Panache.getEntityManager().createNativeQuery("""
                        SELECT d.* FROM delivery d JOIN incident i ON i.id = d.incident_id
                        WHERE d.status = 'PENDING' AND d.channel = :channel AND d.next_attempt_at <= :now
                          AND NOT EXISTS (
                              SELECT 1 FROM delivery earlier JOIN incident ei ON ei.id = earlier.incident_id
                              WHERE earlier.status = 'PENDING' AND earlier.channel = d.channel
                                AND earlier.target = d.target AND ei.monitor_id = i.monitor_id
                                AND earlier.created_at < d.created_at)
                        ORDER BY d.next_attempt_at
                        LIMIT :limit
                        FOR UPDATE OF d SKIP LOCKED""", Delivery.class)
                .setParameter("channel", channel)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }
}
