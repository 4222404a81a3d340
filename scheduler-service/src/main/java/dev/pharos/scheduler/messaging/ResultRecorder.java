package dev.pharos.scheduler.messaging;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.scheduler.repository.MonitorRepository;
import dev.pharos.scheduler.repository.MonitorSummaries;
import dev.pharos.scheduler.repository.ResultRollups;
import dev.pharos.support.UntilStored;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the read model of results: one row per check id (a redelivered result is ignored), its rollups, the monitor's
 * summary for the dashboard and its latest result. The offset is committed after the transaction, so a crash redelivers rather than loses, and a database
 * outage pauses consumption ({@link UntilStored}).
 */
@ApplicationScoped
public class ResultRecorder {

    private static final Logger LOG = Logger.getLogger(ResultRecorder.class);

    private final MonitorRepository monitors;
    private final ResultRollups rollups;
    private final MonitorSummaries summaries;

    public ResultRecorder(MonitorRepository monitors, ResultRollups rollups, MonitorSummaries summaries) {
        this.monitors = monitors;
        this.rollups = rollups;
        this.summaries = summaries;
    }

    @Incoming("checks-completed")
    @Blocking
    public void record(ConsumerRecord<String, CheckCompleted> record) throws InterruptedException {
        CheckCompleted result = record.value();
        if (result == null) {
            LOG.warnf("skipping a malformed result at %s-%d offset %d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        UntilStored.run("result " + result.checkId(), () -> store(result));
    }

    @Transactional
    Void store(CheckCompleted result) {
        int inserted = monitors.getEntityManager().createNativeQuery("""
                INSERT INTO check_result (check_id, monitor_id, reason, region, checker_id, started_at, duration_ms,
                                          http_status, outcome, error_kind, error_message, final_url,
                                          tls_expires_at, dns_ms, connect_ms, tls_ms, first_byte_ms)
                VALUES (:checkId, :monitorId, :reason, :region, :checkerId, :startedAt, :durationMs,
                        :httpStatus, :outcome, :errorKind, :errorMessage, :finalUrl,
                        :tlsExpiresAt, :dnsMs, :connectMs, :tlsMs, :firstByteMs)
                ON CONFLICT (check_id) DO NOTHING""")
                .setParameter("checkId", result.checkId())
                .setParameter("monitorId", result.monitorId())
                .setParameter("reason", result.reason().name())
                .setParameter("region", result.region())
                .setParameter("checkerId", result.checkerId())
                .setParameter("startedAt", result.startedAt())
                .setParameter("durationMs", result.durationMs())
                .setParameter("httpStatus", result.httpStatus())
                .setParameter("outcome", result.outcome().name())
                .setParameter("errorKind", result.errorKind() == null ? null : result.errorKind().name())
                .setParameter("errorMessage", truncate(result.errorMessage(), 512))
                .setParameter("finalUrl", truncate(result.finalUrl(), 2048))
                .setParameter("tlsExpiresAt", result.tlsExpiresAt())
                .setParameter("dnsMs", result.timings() == null ? null : result.timings().dnsMs())
                .setParameter("connectMs", result.timings() == null ? null : result.timings().connectMs())
                .setParameter("tlsMs", result.timings() == null ? null : result.timings().tlsMs())
                .setParameter("firstByteMs", result.timings() == null ? null : result.timings().firstByteMs())
                .executeUpdate();
        if (inserted == 1) {
            rollups.add(result);
            summaries.add(result);
            // Only the read-model columns, and only when this result is the newest: a targeted update never
            // overwrites what the planner or the API changed in the same row meanwhile.
            monitors.getEntityManager().createNativeQuery("""
                    UPDATE monitor
                    SET last_checked_at = :at, last_outcome = :outcome, last_http_status = :httpStatus,
                        last_error_kind = :errorKind, last_duration_ms = :durationMs,
                        last_tls_expires_at = :tlsExpiresAt
                    WHERE id = :monitorId AND (last_checked_at IS NULL OR last_checked_at <= :at)""")
                    .setParameter("at", result.startedAt())
                    .setParameter("outcome", result.outcome().name())
                    .setParameter("httpStatus", result.httpStatus())
                    .setParameter("errorKind", result.errorKind() == null ? null : result.errorKind().name())
                    .setParameter("durationMs", result.durationMs())
                    .setParameter("tlsExpiresAt", result.tlsExpiresAt())
                    .setParameter("monitorId", result.monitorId())
                    .executeUpdate();
        }
        return null;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
