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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Monitors whose status, latest result or settings changed, read from the database — not from this replica's
 * consumer, which sees only some partitions of the results. Each poll looks back {@link #LOOK_BACK} from its
 * previous one (a result written late, with an older check time, is still seen) and a {@link Cursor}, one per
 * client, remembers what it already sent, so each change goes out once.
 */
@ApplicationScoped
public class LiveChanges {

    /** How far each poll looks back past the last one; longer than any result takes from check to database. */
    static final Duration LOOK_BACK = Duration.ofSeconds(60);

    /** A monitor's state as the dashboard shows it; {@code status} DELETED when the monitor is gone. */
    public record Change(UUID id, String name, String status, Instant lastCheckedAt, Long lastResponseMs,
                         Integer lastHttpStatus, String lastErrorKind) {
    }

    /** One client's position: when it last asked, and what it was sent about the monitors changed since then. */
    public static final class Cursor {
        private Instant since;
        private Map<UUID, Change> sent = new HashMap<>();

        public Cursor(Instant since) {
            this.since = since;
        }
    }

    private final AgroalDataSource dataSource;

    public LiveChanges(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What changed for {@code owner} (every owner when null) since the cursor's last poll; advances the cursor. */
    public List<Change> poll(UUID owner, Cursor cursor) {
        var seen = new HashMap<UUID, Change>();
        var changes = new ArrayList<Change>();
        Instant from = cursor.since.minus(LOOK_BACK);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT id, name, paused, deleted, last_outcome, last_checked_at, last_duration_ms,
                            last_http_status, last_error_kind, now()
                     FROM monitor WHERE (last_checked_at >= ? OR updated_at >= ?)"""
                     + (owner == null ? "" : " AND owner_id = ?"))) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(from));
            if (owner != null) {
                statement.setObject(3, owner);
            }
            Instant polledAt = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Change change = change(rs);
                    seen.put(change.id(), change);
                    if (!change.equals(cursor.sent.get(change.id()))) {
                        changes.add(change);
                    }
                    polledAt = rs.getTimestamp(10).toInstant();
                }
            }
            cursor.since = polledAt != null ? polledAt : now(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading monitor changes failed", e);
        }
        cursor.sent = seen;
        return changes;
    }

    private static Change change(ResultSet rs) throws SQLException {
        String outcome = rs.getString(5);
        String status = rs.getBoolean(4) ? "DELETED" : rs.getBoolean(3) ? "PAUSED"
                : outcome == null ? "UNKNOWN" : outcome;
        Timestamp at = rs.getTimestamp(6);
        long duration = rs.getLong(7);
        Long responseMs = rs.wasNull() ? null : duration;
        int http = rs.getInt(8);
        Integer httpStatus = rs.wasNull() ? null : http;
        return new Change(rs.getObject(1, UUID.class), rs.getString(2), status, at == null ? null : at.toInstant(),
                responseMs, httpStatus, rs.getString(9));
    }

    private static Instant now(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
