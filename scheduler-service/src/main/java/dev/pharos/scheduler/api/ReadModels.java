package dev.pharos.scheduler.api;

import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.repository.MonitorRepository;
import dev.pharos.scheduler.repository.ResultRollups;
import dev.pharos.scheduler.service.MonitorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the checks found: a monitor's results, its uptime and response times over a window, and incidents. All of it
 * read models built from {@code pharos.checks.completed} and {@code pharos.incidents}; owners see only their own.
 * Served by {@link MonitorResource} ({@code /monitors/{id}/results|uptime|incidents}) and {@link IncidentResource}.
 */
@ApplicationScoped
public class ReadModels {

    private static final Map<String, Duration> WINDOWS = Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30), "90d", Duration.ofDays(90));

    /** One check's result. */
    public record Result(UUID checkId, Instant startedAt, String reason, String region, String checkerId,
                         String outcome, Integer httpStatus, String errorKind, String errorMessage, long durationMs,
                         Long dnsMs, Long connectMs, Long tlsMs, Long firstByteMs, String finalUrl,
                         Instant tlsExpiresAt) {
    }

    /** A page of results, newest first. */
    public record ResultPage(List<Result> items, String nextCursor) {
    }

    /** Uptime and response times over a window. */
    public record Uptime(String window, Instant from, Instant to, long checks, long upChecks, Double uptimePercent,
                         long incidents, ResponseTime responseTimeMs) {
    }

    /** Response times of the checks that got an answer: mean, and percentiles to the resolution of the rollups. */
    public record ResponseTime(Double mean, Long p50, Long p95) {
    }

    /** An incident: when it opened and why, and when it was resolved (null while open). */
    public record IncidentView(UUID id, UUID monitorId, String cause, Integer httpStatus, String errorKind,
                               Instant firstFailureAt, Instant openedAt, Instant resolvedAt, Long durationSeconds) {
    }

    private final MonitorService monitors;
    private final ResultRollups rollups;
    private final EntityManager em;
    private final Caller caller;

    public ReadModels(MonitorService monitors, ResultRollups rollups, EntityManager em, Caller caller) {
        this.monitors = monitors;
        this.rollups = rollups;
        this.em = em;
        this.caller = caller;
    }

    /** The monitor's results, newest first, a page at a time ({@code limit} 1–500, default 100). */
    @Transactional
    public ResultPage results(UUID id, int limit, String cursor) {
        monitors.get(id, caller);
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("limit: must be between 1 and 500");
        }
        MonitorRepository.Cursor after;
        try {
            after = cursor == null ? null : MonitorRepository.Cursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor: " + e.getMessage());
        }
        @SuppressWarnings("unchecked")
        var query = em.createNativeQuery("""
                SELECT check_id, started_at, reason, region, checker_id, outcome, http_status, error_kind,
                       error_message, duration_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, final_url, tls_expires_at
                FROM check_result WHERE monitor_id = :monitor"""
                + (after == null ? "" : " AND (started_at, check_id) < (:afterTime, :afterId)")
                + " ORDER BY started_at DESC, check_id DESC LIMIT :limit")
                .setParameter("monitor", id)
                .setParameter("limit", limit + 1);
        if (after != null) {
            query.setParameter("afterTime", after.createdAt()).setParameter("afterId", after.id());
        }
        List<Object[]> rows = query.getResultList();
        List<Result> results = rows.stream().limit(limit).map(r -> new Result((UUID) r[0], instant(r[1]),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], integer(r[6]), (String) r[7],
                (String) r[8], ((Number) r[9]).longValue(), longOrNull(r[10]), longOrNull(r[11]), longOrNull(r[12]),
                longOrNull(r[13]), (String) r[14], instant(r[15]))).toList();
        Result last = results.isEmpty() ? null : results.get(results.size() - 1);
        String next = rows.size() > limit ? new MonitorRepository.Cursor(last.startedAt(), last.checkId()).encode()
                : null;
        return new ResultPage(results, next);
    }

    /** Uptime %, incidents and response times over {@code window}: 24h, 7d, 30d or 90d (default 24h). */
    @Transactional
    public Uptime uptime(UUID id, String window) {
        monitors.get(id, caller);
        Duration span = WINDOWS.get(window);
        if (span == null) {
            throw new BadRequestException("window: must be one of 24h, 7d, 30d, 90d");
        }
        Instant to = Instant.now();
        Instant from = to.minus(span);
        ResultRollups.Summary summary = rollups.summary(id, from);
        long incidents = ((Number) em.createNativeQuery("""
                SELECT COUNT(*) FROM incident WHERE monitor_id = :monitor
                AND COALESCE(opened_at, first_failure_at) >= :from""")
                .setParameter("monitor", id).setParameter("from", from).getSingleResult()).longValue();
        return new Uptime(window, from, to, summary.checks(), summary.up(), summary.uptimePercent(), incidents,
                new ResponseTime(summary.meanMs(), summary.p50Ms(), summary.p95Ms()));
    }

    /** One delivery attempt the notifier reported for a monitor's incident. */
    public record NotificationView(UUID deliveryId, int attempt, UUID incidentId, UUID channelId, String channel,
                                   String transition, String status, String error, Instant at) {
    }

    /** The monitor's notification attempts (from {@code pharos.notifications}), newest first, at most 200. */
    @Transactional
    public List<NotificationView> monitorNotifications(UUID id) {
        monitors.get(id, caller);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT delivery_id, attempt, incident_id, channel_id, channel, transition, status, error, at
                        FROM notification_log WHERE monitor_id = :monitor ORDER BY at DESC, attempt DESC LIMIT 200""")
                .setParameter("monitor", id)
                .getResultList();
        return rows.stream().map(r -> new NotificationView((UUID) r[0], ((Number) r[1]).intValue(), (UUID) r[2],
                (UUID) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], instant(r[8]))).toList();
    }

    @Transactional
    public List<IncidentView> monitorIncidents(UUID id) {
        monitors.get(id, caller);
        return incidents("i.monitor_id = :monitor", id, 200);
    }

    /** The caller's incidents, newest first; {@code status} open or resolved filters them. */
    @Transactional
    public List<IncidentView> incidents(String status, int limit) {
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("limit: must be between 1 and 500");
        }
        String filter = status == null ? "TRUE" : switch (status) {
            case "open" -> "i.resolved_at IS NULL";
            case "resolved" -> "i.resolved_at IS NOT NULL";
            default -> throw new BadRequestException("status: must be open or resolved");
        };
        return incidents(filter + (caller.isAdmin() ? "" : " AND m.owner_id = :owner"),
                caller.isAdmin() ? null : caller.ownerId(), limit);
    }

    private List<IncidentView> incidents(String where, UUID parameter, int limit) {
        var query = em.createNativeQuery("""
                SELECT i.id, i.monitor_id, i.cause, i.http_status, i.error_kind, i.first_failure_at, i.opened_at,
                       i.resolved_at, i.duration_seconds
                FROM incident i JOIN monitor m ON m.id = i.monitor_id
                WHERE NOT m.deleted AND\s""" + where
                + " ORDER BY COALESCE(i.opened_at, i.first_failure_at) DESC NULLS LAST LIMIT :limit")
                .setParameter("limit", limit);
        if (where.contains(":monitor")) {
            query.setParameter("monitor", parameter);
        }
        if (where.contains(":owner")) {
            query.setParameter("owner", parameter);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new IncidentView((UUID) r[0], (UUID) r[1], (String) r[2], integer(r[3]),
                (String) r[4], instant(r[5]), instant(r[6]), instant(r[7]), longOrNull(r[8]))).toList();
    }

    private static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Instant i) {
            return i;
        }
        if (column instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (column instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected time type " + column.getClass());
    }

    private static Integer integer(Object column) {
        return column == null ? null : ((Number) column).intValue();
    }

    private static Long longOrNull(Object column) {
        return column == null ? null : ((Number) column).longValue();
    }
}
