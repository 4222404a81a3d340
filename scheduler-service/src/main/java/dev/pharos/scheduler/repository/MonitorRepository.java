package dev.pharos.scheduler.repository;

import dev.pharos.scheduler.domain.Monitor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

@ApplicationScoped
public class MonitorRepository implements PanacheRepositoryBase<Monitor, UUID> {

    /** The statuses a list can be filtered by. */
    public enum Status { UP, DOWN, UNKNOWN, PAUSED }

    /**
     * A list request: every filter is optional.
     *
     * @param tag    monitors with this tag
     * @param status monitors in this status
     * @param text   monitors whose name or URL contains this text, ignoring case
     * @param limit  at most this many, 1–200
     * @param after  the cursor of the previous page's last monitor, or null for the first page
     */
    public record Query(String tag, Status status, String text, int limit, Cursor after) {
    }

    /** A position in a list ordered by a time and an id (monitors by creation, results by start). */
    public record Cursor(Instant createdAt, UUID id) {

        public String encode() {
            long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "," + id).getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the text is no cursor this API made */
        public static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(",");
                long micros = Long.parseLong(parts[0]);
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                        Math.floorMod(micros, 1_000_000) * 1_000L), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor from this API: " + text);
            }
        }
    }

    /** One page of monitors, and the cursor of the next page (null on the last one). */
    public record Page(List<Monitor> items, String nextCursor) {
    }

    /** A page of live monitors of {@code ownerId} (all owners when null) matching the query. */
    @SuppressWarnings("unchecked")
    public Page search(UUID ownerId, Query query) {
        var where = new StringBuilder("NOT deleted");
        var parameters = new java.util.HashMap<String, Object>();
        if (ownerId != null) {
            where.append(" AND owner_id = :owner");
            parameters.put("owner", ownerId);
        }
        if (query.tag() != null) {
            where.append(" AND tags @> CAST(:tag AS jsonb)");
            parameters.put("tag", "[\"" + query.tag().replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
        }
        if (query.text() != null) {
            where.append(" AND (name ILIKE :text ESCAPE '\\' OR url ILIKE :text ESCAPE '\\')");
            parameters.put("text", "%" + query.text().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (query.status() != null) {
            where.append(switch (query.status()) {
                case PAUSED -> " AND paused";
                case UNKNOWN -> " AND NOT paused AND last_outcome IS NULL";
                case UP, DOWN -> " AND NOT paused AND last_outcome = :outcome";
            });
            if (query.status() == Status.UP || query.status() == Status.DOWN) {
                parameters.put("outcome", query.status().name());
            }
        }
        if (query.after() != null) {
            where.append(" AND (created_at, id) > (:afterTime, :afterId)");
            parameters.put("afterTime", query.after().createdAt());
            parameters.put("afterId", query.after().id());
        }
        var select = getEntityManager().createNativeQuery("SELECT * FROM monitor WHERE " + where
                + " ORDER BY created_at, id LIMIT :limit", Monitor.class);
        parameters.forEach(select::setParameter);
        select.setParameter("limit", query.limit() + 1);
        List<Monitor> found = select.getResultList();
        if (found.size() <= query.limit()) {
            return new Page(found, null);
        }
        List<Monitor> page = found.subList(0, query.limit());
        Monitor last = page.get(page.size() - 1);
        return new Page(page, new Cursor(last.createdAt, last.id).encode());
    }

    public Optional<Monitor> findLive(UUID id) {
        return find("id = ?1 and deleted = false", id).firstResultOptional();
    }

    public List<Monitor> listLive(UUID ownerId) {
        return list("deleted = false and ownerId = ?1", Sort.by("createdAt").and("id"), ownerId);
    }

    /**
     * Locks up to {@code limit} due monitors that no other scheduler holds; they stay locked until the
     * transaction ends, so two schedulers never publish the same slot. A monitor is checked only once its spec is on
     * {@code pharos.monitors}, so the notifier knows it before its first result arrives. The monitors are read-only
     * (no snapshot, never flushed): {@link #moveToNextSlots} writes the one column the planner changes.
     */
    @SuppressWarnings("unchecked")
    public List<Monitor> claimDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM monitor
                WHERE NOT paused AND NOT deleted AND next_due_at <= :now AND published_version > 0
                ORDER BY next_due_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", Monitor.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
    }

    /**
     * Sets the next due time of monitors claimed by {@link #claimDue} in this transaction: one JDBC batch, sent in
     * one round trip, instead of a full-row update per monitor.
     */
    public void moveToNextSlots(Map<UUID, Instant> nextDueAt) {
        if (nextDueAt.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var update = connection.prepareStatement("UPDATE monitor SET next_due_at = ? WHERE id = ?")) {
                for (var entry : nextDueAt.entrySet()) {
                    update.setObject(1, entry.getValue().atOffset(ZoneOffset.UTC));
                    update.setObject(2, entry.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    /** Locks the monitor for a change, waiting for the planner or another request that holds it. */
    public Optional<Monitor> findLiveForUpdate(UUID id) {
        return find("id = ?1 and deleted = false", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Locks the monitor if its current spec is unpublished and no one else holds it. */
    @SuppressWarnings("unchecked")
    public Optional<Monitor> claimUnpublished(UUID id) {
        List<Monitor> found = getEntityManager().createNativeQuery("""
                SELECT * FROM monitor
                WHERE id = :id AND published_version < spec_version
                FOR UPDATE SKIP LOCKED""", Monitor.class)
                .setParameter("id", id)
                .getResultList();
        return found.stream().findFirst();
    }

    /** Locks up to {@code limit} monitors whose current spec the broker has not acknowledged yet. */
    @SuppressWarnings("unchecked")
    public List<Monitor> claimUnpublished(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM monitor
                WHERE published_version < spec_version
                ORDER BY updated_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", Monitor.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
