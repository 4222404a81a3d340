package dev.pharos.scheduler.service;

import dev.pharos.contracts.HttpMethod;
import dev.pharos.scheduler.api.MonitorRequest;
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

    public Monitor create(MonitorRequest request) {
        Monitor monitor = persistNew(request);
        specSync.publishNow(monitor.id);
        return monitor;
    }

    @Transactional
    Monitor persistNew(MonitorRequest request) {
        Instant now = Instant.now();
        var monitor = new Monitor();
        monitor.id = UUID.randomUUID();
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

    @Transactional
    public Monitor get(UUID id) {
        return monitors.findLive(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public List<Monitor> list() {
        return monitors.listLive();
    }

    public void delete(UUID id) {
        markDeleted(id);
        specSync.publishNow(id);
    }

    @Transactional
    void markDeleted(UUID id) {
        Monitor monitor = monitors.findLiveForUpdate(id).orElseThrow(() -> notFound(id));
        monitor.deleted = true;
        monitor.touch(Instant.now());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no monitor with id " + id);
    }
}
