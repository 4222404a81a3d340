package dev.pharos.scheduler.service;

import dev.pharos.scheduler.repository.MonitorSummaries;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Every monitor of an owner at a glance, in one round trip: status, last response time, uptime over the last 24 hours
 * and 30 days, a response-time sparkline (24 hourly means) and 90 daily uptime bars. Read in one query from the
 * monitor row and its summary ({@link MonitorSummaries}, kept up to date as results are recorded), so 5,000 monitors
 * cost 5,000 rows. Windows are aligned to the rollups: "24 h" is the current hour and the 23 before it, "30 d" today
 * (UTC) and the 29 days before.
 */
@ApplicationScoped
public class Overview {

    public static final int DAYS = MonitorSummaries.DAYS;
    public static final int HOURS = MonitorSummaries.HOURS;
    private static final int DAYS_30 = 30;

    /**
     * One monitor's line.
     *
     * @param spark hourly mean response times in ms, oldest first; null where no check got an answer
     * @param days  one character per day, oldest first (the last is today): {@code u} up (uptime ≥ 99.9 %),
     *              {@code g} degraded (≥ 95 %), {@code d} down, {@code -} no checks. A string, not 90 numbers:
     *              the overview of 5,000 monitors stays about 2 MB (about 0.3 MB gzipped)
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

    private static final String LINES = """
            SELECT m.id, m.name, m.url, m.paused, m.last_outcome, m.last_checked_at, m.last_duration_ms,
                   m.last_http_status, m.last_error_kind, s.day_stamp, s.day_checks, s.day_up, s.hour_stamp,
                   s.hour_checks, s.hour_up, s.hour_answered, s.hour_duration_ms
            FROM monitor m LEFT JOIN monitor_summary s ON s.monitor_id = m.id
            WHERE NOT m.deleted AND %s ORDER BY m.created_at, m.id""";

    private final AgroalDataSource dataSource;

    public Overview(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The owner's monitors, or every monitor when {@code owner} is null (an admin). */
    public Page of(UUID owner) {
        return read(owner == null ? "TRUE" : "m.owner_id = ?", owner == null ? List.of() : List.of(owner));
    }

    /** Just these monitors (a status page), in the order given; unknown or deleted ids are left out. */
    public List<Line> only(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Line> lines = read("m.id = ANY (?)", java.util.Collections.singletonList(ids.toArray(UUID[]::new)))
                .monitors();
        var order = new ArrayList<>(ids);
        return lines.stream().sorted(java.util.Comparator.comparingInt(l -> order.indexOf(l.id()))).toList();
    }

    private Page read(String filter, List<Object> parameters) {
        Instant now = Instant.now();
        int today = (int) Math.floorDiv(now.getEpochSecond(), 86_400L);
        int hour = (int) Math.floorDiv(now.getEpochSecond(), 3_600L);
        var lines = new ArrayList<Line>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(LINES.formatted(filter))) {
                int i = 1;
                for (Object p : parameters) {
                    if (p instanceof UUID[] ids) {
                        statement.setArray(i++, connection.createArrayOf("uuid", ids));
                    } else {
                        statement.setObject(i++, p);
                    }
                }
                statement.setFetchSize(1_000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new Builder(rs, today - (DAYS - 1), hour - (HOURS - 1)).line());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the overview failed", e);
        }
        return new Page(now, lines);
    }

    /** One monitor's row and summary, its ring buffers laid out over the window that ends now. */
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

        /** {@code firstDay}, {@code firstHour}: the window's first epoch day and hour. */
        Builder(ResultSet rs, int firstDay, int firstHour) throws SQLException {
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
            Number[] dayStamp = numbers(rs, 10);
            if (dayStamp != null) {
                unring(dayStamp, firstDay, new Number[][] {numbers(rs, 11), numbers(rs, 12)},
                        new long[][] {dayChecks, dayUp});
            }
            Number[] hourStamp = numbers(rs, 13);
            if (hourStamp != null) {
                unring(hourStamp, firstHour, new Number[][] {numbers(rs, 14), numbers(rs, 15), numbers(rs, 16),
                        numbers(rs, 17)}, new long[][] {hourChecks, hourUp, hourAnswered, hourDuration});
            }
        }

        /** Copies each ring's slot for window position i (stamp = first + i) to {@code into[..][i]}, if current. */
        private static void unring(Number[] stamps, int first, Number[][] rings, long[][] into) {
            int size = stamps.length;
            for (int i = 0; i < into[0].length; i++) {
                int slot = Math.floorMod(first + i, size);
                if (stamps[slot].intValue() == first + i) {
                    for (int r = 0; r < rings.length; r++) {
                        into[r][i] = rings[r][slot].longValue();
                    }
                }
            }
        }

        private static Number[] numbers(ResultSet rs, int column) throws SQLException {
            java.sql.Array array = rs.getArray(column);
            return array == null ? null : (Number[]) array.getArray();
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
