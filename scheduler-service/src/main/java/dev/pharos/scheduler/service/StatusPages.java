package dev.pharos.scheduler.service;

import dev.pharos.scheduler.api.InvalidFieldException;
import dev.pharos.scheduler.api.StatusPageRequest;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.domain.Monitor;
import dev.pharos.scheduler.domain.StatusPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Owners' public status pages. A page names only its owner's monitors; a monitor deleted later simply drops off the
 * page. A page is served, and its monitors' badges are public, only while it is enabled.
 */
@ApplicationScoped
public class StatusPages {

    private final EntityManager em;

    public StatusPages(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public List<StatusPage> list(Caller caller) {
        return caller.isAdmin() ? StatusPage.list("ORDER BY createdAt, id")
                : StatusPage.list("ownerId = ?1 ORDER BY createdAt, id", caller.ownerId());
    }

    @Transactional
    public StatusPage get(UUID id, Caller caller) {
        return StatusPage.<StatusPage>findByIdOptional(id).filter(p -> caller.mayAccess(p.ownerId))
                .orElseThrow(() -> new NotFoundException("no status page with id " + id));
    }

    @Transactional
    public StatusPage create(StatusPageRequest request, Caller caller) {
        var page = new StatusPage();
        page.id = UUID.randomUUID();
        page.ownerId = caller.ownerId();
        page.createdAt = Instant.now();
        apply(page, request);
        page.persist();
        return page;
    }

    @Transactional
    public StatusPage replace(UUID id, StatusPageRequest request, Caller caller) {
        StatusPage page = get(id, caller);
        apply(page, request);
        return page;
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        get(id, caller).delete();
    }

    /** An enabled page by its slug, for anyone. */
    @Transactional
    public Optional<StatusPage> published(String slug) {
        return StatusPage.<StatusPage>find("slug = ?1 AND enabled = TRUE", slug).firstResultOptional();
    }

    /** Whether the monitor is on an enabled page: then, and only then, its badge is public. */
    @Transactional
    public boolean isPublic(UUID monitorId) {
        return ((Number) em.createNativeQuery("""
                        SELECT COUNT(*) FROM status_page p JOIN monitor m ON m.id = :monitor AND m.owner_id = p.owner_id
                        WHERE p.enabled AND NOT m.deleted AND p.monitor_ids @> CAST(:ids AS JSONB)""")
                .setParameter("monitor", monitorId)
                .setParameter("ids", "[\"" + monitorId + "\"]")
                .getSingleResult()).longValue() > 0;
    }

    private void apply(StatusPage page, StatusPageRequest request) {
        StatusPage taken = StatusPage.<StatusPage>find("slug", request.slug()).firstResult();
        if (taken != null && !taken.id.equals(page.id)) {
            throw new ClientErrorException("slug: " + request.slug() + " is taken", Response.Status.CONFLICT);
        }
        List<UUID> ids = request.monitorIds() == null ? List.of() : request.monitorIds();
        var distinct = new ArrayList<UUID>();
        for (int i = 0; i < ids.size(); i++) {
            Monitor monitor = Monitor.findById(ids.get(i));
            if (monitor == null || monitor.deleted || !monitor.ownerId.equals(page.ownerId)) {
                throw new InvalidFieldException("monitorIds[" + i + "]", "no monitor of the page's owner has this id");
            }
            if (!distinct.contains(ids.get(i))) {
                distinct.add(ids.get(i));
            }
        }
        page.slug = request.slug();
        page.title = request.title().strip();
        page.enabled = Boolean.TRUE.equals(request.enabled());
        page.monitorIds = distinct;
        page.updatedAt = Instant.now();
    }
}
