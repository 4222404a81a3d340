package dev.pharos.scheduler.repository;

import dev.pharos.scheduler.domain.Monitor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MonitorRepository implements PanacheRepositoryBase<Monitor, UUID> {

    public Optional<Monitor> findLive(UUID id) {
        return find("id = ?1 and deleted = false", id).firstResultOptional();
    }

    public List<Monitor> listLive() {
        return list("deleted = false", Sort.by("createdAt").and("id"));
    }

    public List<Monitor> listLive(UUID ownerId) {
        return list("deleted = false and ownerId = ?1", Sort.by("createdAt").and("id"), ownerId);
    }

    /**
     * Locks up to {@code limit} due monitors that no other scheduler holds; they stay locked until the
     * transaction ends, so two schedulers never publish the same slot. A monitor is checked only once its spec is on
     * {@code pharos.monitors}, so the notifier knows it before its first result arrives.
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
                .getResultList();
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
