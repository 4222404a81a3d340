package dev.pharos.scheduler.repository;

import dev.pharos.scheduler.domain.Monitor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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

    /**
     * Locks up to {@code limit} due monitors that no other scheduler holds; they stay locked until the
     * transaction ends, so two schedulers never publish the same slot.
     */
    @SuppressWarnings("unchecked")
    public List<Monitor> claimDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM monitor
                WHERE NOT paused AND NOT deleted AND next_due_at <= :now
                ORDER BY next_due_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", Monitor.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
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
