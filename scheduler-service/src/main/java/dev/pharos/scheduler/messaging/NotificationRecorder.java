package dev.pharos.scheduler.messaging;

import dev.pharos.contracts.NotificationAttempt;
import dev.pharos.support.UntilStored;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The notifications read model, from {@code pharos.notifications}: every delivery attempt once (keyed by delivery and
 * attempt, so a redelivered record changes nothing), the channel's latest attempt, and the outcome of test messages.
 */
@ApplicationScoped
public class NotificationRecorder {

    private static final Logger LOG = Logger.getLogger(NotificationRecorder.class);
    private static final int MAX_ERROR = 500;

    private final EntityManager em;

    public NotificationRecorder(EntityManager em) {
        this.em = em;
    }

    @Incoming("notifications")
    @Blocking
    public void record(ConsumerRecord<String, NotificationAttempt> record) throws InterruptedException {
        NotificationAttempt attempt = record.value();
        if (attempt == null || attempt.deliveryId() == null || attempt.at() == null || attempt.status() == null
                || attempt.channel() == null || attempt.transition() == null) {
            LOG.warnf("skipping a malformed notification attempt at %s-%d offset %d", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        UntilStored.run("notification attempt " + record.offset(), () -> store(attempt));
    }

    @Transactional
    Void store(NotificationAttempt a) {
        String error = a.error() == null ? null : a.error().substring(0, Math.min(MAX_ERROR, a.error().length()));
        int inserted = em.createNativeQuery("""
                        INSERT INTO notification_log (delivery_id, attempt, incident_id, monitor_id, channel_id, channel,
                                                      transition, status, error, at)
                        VALUES (:delivery, :attempt, :incident, :monitor, :channelId, :channel, :transition, :status,
                                :error, :at)
                        ON CONFLICT (delivery_id, attempt) DO NOTHING""")
                .setParameter("delivery", a.deliveryId())
                .setParameter("attempt", a.attempt())
                .setParameter("incident", a.incidentId())
                .setParameter("monitor", a.monitorId())
                .setParameter("channelId", a.channelId())
                .setParameter("channel", cut(a.channel(), 32))
                .setParameter("transition", cut(a.transition(), 16))
                .setParameter("status", cut(a.status(), 16))
                .setParameter("error", error)
                .setParameter("at", a.at())
                .executeUpdate();
        if (inserted == 0) {
            return null;
        }
        if (a.channelId() != null) {
            em.createNativeQuery("""
                            UPDATE channel SET last_attempt_at = :at, last_attempt_status = :status,
                                last_attempt_error = :error
                            WHERE id = :id AND (last_attempt_at IS NULL OR last_attempt_at <= :at)""")
                    .setParameter("at", a.at())
                    .setParameter("status", cut(a.status(), 16))
                    .setParameter("error", error)
                    .setParameter("id", a.channelId())
                    .executeUpdate();
        }
        if ("TEST".equals(a.transition()) && a.incidentId() != null) {
            // SENT is final: a late report of an earlier failed attempt does not undo it.
            em.createNativeQuery("""
                            UPDATE channel_test SET status = :status, error = :error, finished_at = :at
                            WHERE id = :id AND status <> 'SENT'""")
                    .setParameter("status", cut(a.status(), 16))
                    .setParameter("error", error)
                    .setParameter("at", a.at())
                    .setParameter("id", a.incidentId())
                    .executeUpdate();
        }
        return null;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
