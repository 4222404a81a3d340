package dev.pharos.scheduler.messaging;

import dev.pharos.contracts.IncidentEvent;
import dev.pharos.contracts.IncidentOpened;
import dev.pharos.contracts.IncidentResolved;
import dev.pharos.support.UntilStored;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The incidents read model, from {@code pharos.incidents}: one row per incident, opened and then resolved. Both events
 * are idempotent upserts, so a redelivered or republished event changes nothing.
 */
@ApplicationScoped
public class IncidentRecorder {

    private static final Logger LOG = Logger.getLogger(IncidentRecorder.class);

    private final EntityManager em;

    public IncidentRecorder(EntityManager em) {
        this.em = em;
    }

    @Incoming("incidents")
    @Blocking
    public void record(ConsumerRecord<String, IncidentEvent> record) throws InterruptedException {
        IncidentEvent event = record.value();
        if (event == null) {
            LOG.warnf("skipping a malformed incident event at %s-%d offset %d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        UntilStored.run("incident event " + record.offset(), () -> store(event));
    }

    @Transactional
    Void store(IncidentEvent event) {
        if (event instanceof IncidentOpened opened) {
            em.createNativeQuery("""
                    INSERT INTO incident (id, monitor_id, cause, http_status, error_kind, first_failure_at, opened_at)
                    VALUES (:id, :monitor, :cause, :status, :kind, :firstFailure, :opened)
                    ON CONFLICT (id) DO UPDATE SET opened_at = EXCLUDED.opened_at, cause = EXCLUDED.cause,
                        http_status = EXCLUDED.http_status, error_kind = EXCLUDED.error_kind,
                        first_failure_at = EXCLUDED.first_failure_at""")
                    .setParameter("id", opened.incidentId())
                    .setParameter("monitor", opened.monitorId())
                    .setParameter("cause", opened.cause())
                    .setParameter("status", opened.httpStatus())
                    .setParameter("kind", opened.errorKind() == null ? null : opened.errorKind().name())
                    .setParameter("firstFailure", opened.firstFailureAt())
                    .setParameter("opened", opened.openedAt())
                    .executeUpdate();
        } else if (event instanceof IncidentResolved resolved) {
            // A resolution read before its opening (never on one partition, but cheap to allow) keeps both.
            em.createNativeQuery("""
                    INSERT INTO incident (id, monitor_id, cause, http_status, error_kind, first_failure_at,
                                          resolved_at, duration_seconds)
                    VALUES (:id, :monitor, :cause, :status, :kind, :firstFailure, :resolved, :duration)
                    ON CONFLICT (id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at,
                        duration_seconds = EXCLUDED.duration_seconds""")
                    .setParameter("id", resolved.incidentId())
                    .setParameter("monitor", resolved.monitorId())
                    .setParameter("cause", resolved.cause())
                    .setParameter("status", resolved.httpStatus())
                    .setParameter("kind", resolved.errorKind() == null ? null : resolved.errorKind().name())
                    .setParameter("firstFailure", resolved.firstFailureAt())
                    .setParameter("resolved", resolved.resolvedAt())
                    .setParameter("duration", resolved.durationSeconds())
                    .executeUpdate();
        }
        return null;
    }
}
