package dev.pharos.notifier.repository;

import dev.pharos.notifier.domain.OutboxEvent;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The stored events waiting for the broker. */
@ApplicationScoped
public class OutboxRepository {

    /** Any constant shared by every notifier replica: the key of the publishers' advisory lock. */
    private static final long PUBLISHER_LOCK = 0x70686172_6f730001L;

    /** Takes the publishers' lock for this transaction; false when another replica holds it. */
    public boolean tryLockForPublishing() {
        return (Boolean) Panache.getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", PUBLISHER_LOCK)
                .getSingleResult();
    }

    public List<OutboxEvent> oldest(int limit) {
        return OutboxEvent.<OutboxEvent>find("ORDER BY id").page(0, limit).list();
    }

    public void delete(List<OutboxEvent> events) {
        OutboxEvent.delete("id in ?1", events.stream().map(e -> e.id).toList());
    }
}
