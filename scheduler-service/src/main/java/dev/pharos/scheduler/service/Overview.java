package dev.pharos.scheduler.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Every monitor of an owner at a glance, in one round trip: status, last response time, uptime over the last 24 hours
 * and 30 days, a response-time sparkline (24 hourly means) and 90 daily uptime bars. Read from the monitor row and
 * the hourly and daily rollups, so 5,000 monitors cost one query over about 570,000 small rows at most.
 * Windows are aligned to the rollups: "24 h" is the current hour and the 23 before it, "30 d" today (UTC) and the 29
 * days before.
 */
@ApplicationScoped
public class Overview {

    public static final int DAYS = 90;
    public static final int HOURS = 24;
    private static final int DAYS_30 = 30;

    /**
     * One monitor's line.
     *
     * @param spark hourly mean response times in ms, oldest first; null where no check got an answer
     * @param days  one character per day, oldest first (the last is today): {@code u} up (uptime ≥ 99.9 %),
     *              {@code g} degraded (≥ 95 %), {@code d} down, {@code -} no checks. A string, not 90 numbers:
     *              the overview of 5,000 monitors stays about 2 MB
     */
    public record Line(UUID id, String name, String url, String status, Instant lastCheckedAt, Long lastResponseMs,
                       Integer lastHttpStatus, String lastErrorKind, Double uptime24h, Double uptime30d,
                       Long[] spark, String days) {
    }

    /** The character of a day's uptime % (null: no checks) in {@link Line#days()}. */
    public static char dayCode(Double uptime) {
        return uptime == null ? '-' : uptime >= 99.9 ? 'u' : uptime >= 95 ? 'g' : 'd';
    }

    /** The lines, and the database time they were read at (the cursor to ask for live changes from). */
    public record Page(Instant generatedAt, List<Line> monitors) {
    }

    private static final String MONITORS = """
            SELECT id, name, url, paused, last_outcome, last_checked_at, last_duration_ms, last_http_status,
                   last_error_kind
            FROM monitor WHERE NOT deleted AND %s ORDER BY created_at, id""";
    private static final String BARS = """
            SELECT r.monitor_id, r.resolution,
                   string_agg(CAST(EXTRACT(EPOCH FROM r.bucket_start) AS BIGINT) || ':' || r.checks || ':' || r.up
                              || ':' || r.answered || ':' || r.duration_sum_ms, ',')
            FROM result_rollup r JOIN monitor m ON m.id = r.monitor_id
            WHERE NOT m.deleted AND %s
              AND ((r.resolution = 'd' AND r.bucket_start >= ?) OR (r.resolution = 'h' AND r.bucket_start >= ?))
            GROUP BY r.monitor_id, r.resolution""";

    private final AgroalDataSource dataSource;

    public Overview(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The owner's monitors, or every monitor when {@code owner} is null (an admin). */
    public Page of(UUID owner) {
        return read(owner == null ? "TRUE" : "owner_id = ?", owner == null ? List.of() : List.of(owner));
    }

    /** Just these monitors (a status page), in the order given; unknown or deleted ids are left out. */
    public List<Line> only(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Line> lines = read("id = ANY (?)", java.util.Collections.singletonList(ids.toArray(UUID[]::new)))
                .monitors();
        var order = new ArrayList<>(ids);
        return lines.stream().sorted(java.util.Comparator.comparingInt(l -> order.indexOf(l.id()))).toList();
    }

    private Page read(String filter, List<Object> parameters) {
        Instant now = Instant.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant firstDay = today.minus(Duration.ofDays(DAYS - 1));
        Instant firstHour = hour.minus(Duration.ofHours(HOURS - 1));
        var lines = new ArrayList<Builder>();
        var byId = new java.util.HashMap<UUID, Builder>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(MONITORS.formatted(filter))) {
                bind(connection, statement, parameters, 1);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        var b = new Builder(rs);
                        lines.add(b);
                        byId.put(b.id, b);
                    }
                }
            }
            String barFilter = filter.replace("owner_id", "m.owner_id").replace("id = ANY", "m.id = ANY");
            try (PreparedStatement statement = connection.prepareStatement(BARS.formatted(barFilter))) {
                int next = bind(connection, statement, parameters, 1);
                statement.setTimestamp(next, Timestamp.from(firstDay));
                statement.setTimestamp(next + 1, Timestamp.from(firstHour));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Builder b = byId.get(rs.getObject(1, UUID.class));
                        if (b != null) {
                            b.add(rs.getString(2), rs.getString(3), firstDay, firstHour);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the overview failed", e);
        }
        return new Page(now, lines.stream().map(Builder::line).toList());
    }

    private static int bind(Connection connection, PreparedStatement statement, List<Object> parameters, int from)
            throws SQLException {
        int i = from;
        for (Object p : parameters) {
            if (p instanceof UUID[] ids) {
                statement.setArray(i++, connection.createArrayOf("uuid", ids));
            } else {
                statement.setObject(i++, p);
            }
        }
        return i;
    }

    /** Collects one monitor's rollups into its line. */
    private static final class Builder {
        final UUID id;
        final String name;
        final String url;
        final String status;
        final Instant lastCheckedAt;
        final Long lastResponseMs;
        final Integer lastHttpStatus;
        final String lastErrorKind;
        final long[] dayChecks = new long[DAYS];
        final long[] dayUp = new long[DAYS];
        final long[] hourChecks = new long[HOURS];
        final long[] hourUp = new long[HOURS];
        final long[] hourAnswered = new long[HOURS];
        final long[] hourDuration = new long[HOURS];

        Builder(ResultSet rs) throws SQLException {
            id = rs.getObject(1, UUID.class);
            name = rs.getString(2);
            url = rs.getString(3);
            String outcome = rs.getString(5);
            status = rs.getBoolean(4) ? "PAUSED" : outcome == null ? "UNKNOWN" : outcome;
            Timestamp at = rs.getTimestamp(6);
            lastCheckedAt = at == null ? null : at.toInstant();
            long duration = rs.getLong(7);
            lastResponseMs = rs.wasNull() ? null : duration;
            int http = rs.getInt(8);
            lastHttpStatus = rs.wasNull() ? null : http;
            lastErrorKind = rs.getString(9);
        }

        void add(String resolution, String buckets, Instant firstDay, Instant firstHour) {
            boolean daily = "d".equals(resolution);
            long origin = (daily ? firstDay : firstHour).getEpochSecond();
            long width = daily ? 86_400 : 3_600;
            for (String bucket : buckets.split(",")) {
                String[] f = bucket.split(":");
                int i = (int) ((Long.parseLong(f[0]) - origin) / width);
                if (daily && i >= 0 && i < DAYS) {
                    dayChecks[i] += Long.parseLong(f[1]);
                    dayUp[i] += Long.parseLong(f[2]);
                } else if (!daily && i >= 0 && i < HOURS) {
                    hourChecks[i] += Long.parseLong(f[1]);
                    hourUp[i] += Long.parseLong(f[2]);
                    hourAnswered[i] += Long.parseLong(f[3]);
                    hourDuration[i] += Long.parseLong(f[4]);
                }
            }
        }

        Line line() {
            var days = new char[DAYS];
            long checks30 = 0;
            long up30 = 0;
            for (int i = 0; i < DAYS; i++) {
                days[i] = dayCode(percent(dayUp[i], dayChecks[i]));
                if (i >= DAYS - DAYS_30) {
                    checks30 += dayChecks[i];
                    up30 += dayUp[i];
                }
            }
            var spark = new Long[HOURS];
            long checks24 = 0;
            long up24 = 0;
            for (int i = 0; i < HOURS; i++) {
                spark[i] = hourAnswered[i] == 0 ? null : Math.round((double) hourDuration[i] / hourAnswered[i]);
                checks24 += hourChecks[i];
                up24 += hourUp[i];
            }
            return new Line(id, name, url, status, lastCheckedAt, lastResponseMs, lastHttpStatus, lastErrorKind,
                    percent(up24, checks24), percent(up30, checks30), spark, new String(days));
        }

        private static Double percent(long up, long checks) {
            return checks == 0 ? null : Math.round(up * 10_000.0 / checks) / 100.0;
        }
    }
}
