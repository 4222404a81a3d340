package dev.pharos.scheduler.service;

import dev.pharos.contracts.HttpMethod;
import dev.pharos.scheduler.api.MonitorRequest;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.config.SchedulerConfig;
import dev.pharos.scheduler.domain.Monitor;
import dev.pharos.scheduler.repository.MonitorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, reads and deletes monitors; every change is published by {@link SpecSync}. */
@ApplicationScoped
public class MonitorService {

    private final MonitorRepository monitors;
    private final SpecSync specSync;
    private final SchedulerConfig config;

    public MonitorService(MonitorRepository monitors, SpecSync specSync, SchedulerConfig config) {
        this.monitors = monitors;
        this.specSync = specSync;
        this.config = config;
    }

    public Monitor create(MonitorRequest request, Caller caller) {
        Monitor monitor = persistNew(request, caller.ownerId());
        specSync.publishNow(monitor.id);
        return monitor;
    }

    @Transactional
    Monitor persistNew(MonitorRequest request, UUID ownerId) {
        Instant now = Instant.now();
        var monitor = new Monitor();
        monitor.id = UUID.randomUUID();
        monitor.ownerId = ownerId;
        monitor.name = request.name().strip();
        monitor.url = request.url().strip();
        monitor.method = request.method() == null ? HttpMethod.HEAD : request.method();
        monitor.intervalSeconds = request.intervalSeconds() == null
                ? config.defaultIntervalSeconds() : request.intervalSeconds();
        monitor.timeoutSeconds = request.timeoutSeconds() == null
                ? config.defaultTimeoutSeconds() : request.timeoutSeconds();
        monitor.contactEmail = request.contactEmail().strip();
        // The first check runs right away; later ones follow the interval.
        monitor.nextDueAt = now;
        monitor.createdAt = now;
        monitor.updatedAt = now;
        monitor.specVersion = 1;
        monitor.publishedVersion = 0;
        monitors.persist(monitor);
        return monitor;
    }

    /** The monitor, if the caller may see it; another owner's monitor is as absent as a missing one (404). */
    @Transactional
    public Monitor get(UUID id, Caller caller) {
        return monitors.findLive(id).filter(m -> caller.mayAccess(m.ownerId)).orElseThrow(() -> notFound(id));
    }

    /** The caller's monitors; all of them for an admin. */
    @Transactional
    public List<Monitor> list(Caller caller) {
        return caller.isAdmin() ? monitors.listLive() : monitors.listLive(caller.ownerId());
    }

    public void delete(UUID id, Caller caller) {
        markDeleted(id, caller);
        specSync.publishNow(id);
    }

    @Transactional
    void markDeleted(UUID id, Caller caller) {
        Monitor monitor = monitors.findLiveForUpdate(id).filter(m -> caller.mayAccess(m.ownerId))
                .orElseThrow(() -> notFound(id));
        monitor.deleted = true;
        monitor.touch(Instant.now());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no monitor with id " + id);
    }
}
