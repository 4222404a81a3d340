package dev.pharos.scheduler.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.scheduler.api.InvalidFieldException;
import dev.pharos.scheduler.api.MonitorRequest;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.config.SchedulerConfig;
import dev.pharos.scheduler.domain.Channel;
import dev.pharos.scheduler.domain.MaintenanceWindow;
import dev.pharos.scheduler.domain.Monitor;
import dev.pharos.scheduler.domain.Slots;
import dev.pharos.scheduler.repository.MonitorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Creates, reads, changes and deletes monitors; every change is published by {@link SpecSync}. */
@ApplicationScoped
public class MonitorService {

    private final MonitorRepository monitors;
    private final SpecSync specSync;
    private final SchedulerConfig config;
    private final ObjectMapper json;
    private final Validator validator;

    public MonitorService(MonitorRepository monitors, SpecSync specSync, SchedulerConfig config, ObjectMapper json,
                          Validator validator) {
        this.monitors = monitors;
        this.specSync = specSync;
        this.config = config;
        this.json = json;
        this.validator = validator;
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
        apply(monitor, request);
        // The first check runs right away; later ones follow the monitor's slots.
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

    /** A page of the caller's monitors (all of them for an admin) that match the query. */
    @Transactional
    public MonitorRepository.Page list(Caller caller, MonitorRepository.Query query) {
        return monitors.search(caller.isAdmin() ? null : caller.ownerId(), query);
    }

    /** PUT: the monitor becomes what the request says; fields left out take their defaults. */
    public Monitor replace(UUID id, MonitorRequest request, Caller caller) {
        Monitor changed = change(id, caller, monitor -> apply(monitor, request));
        specSync.publishNow(id);
        return changed;
    }

    /**
     * PATCH with a JSON merge patch (RFC 7396): the patch is merged into the monitor as a client would write it, and
     * the result is validated as a whole, as a PUT would be.
     */
    public Monitor patch(UUID id, JsonNode patch, Caller caller) {
        if (patch == null || !patch.isObject()) {
            throw new BadRequestException("a merge patch must be a JSON object");
        }
        Monitor changed = change(id, caller, monitor -> {
            ObjectNode merged = json.valueToTree(toRequest(monitor));
            merge(merged, patch);
            MonitorRequest request;
            try {
                request = json.treeToValue(merged, MonitorRequest.class);
            } catch (IOException e) {
                throw new PatchException(e);
            }
            var violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            apply(monitor, request);
        });
        specSync.publishNow(id);
        return changed;
    }

    public Monitor pause(UUID id, boolean paused, Caller caller) {
        Monitor changed = change(id, caller, monitor -> monitor.paused = paused);
        specSync.publishNow(id);
        return changed;
    }

    public void delete(UUID id, Caller caller) {
        change(id, caller, monitor -> monitor.deleted = true);
        specSync.publishNow(id);
    }

    /**
     * Applies a change to the locked monitor and marks its spec for publication. A new interval takes effect from
     * the monitor's first slot on the new grid.
     */
    @Transactional
    Monitor change(UUID id, Caller caller, Consumer<Monitor> change) {
        Monitor monitor = monitors.findLiveForUpdate(id).filter(m -> caller.mayAccess(m.ownerId))
                .orElseThrow(() -> notFound(id));
        int interval = monitor.intervalSeconds;
        change.accept(monitor);
        Instant now = Instant.now();
        if (monitor.intervalSeconds != interval && monitor.nextDueAt.isAfter(now)) {
            monitor.nextDueAt = Slots.firstSlotAfter(monitor.id, Duration.ofSeconds(monitor.intervalSeconds), now);
        }
        monitor.touch(now);
        return monitor;
    }

    /**
     * Makes an already locked or loaded monitor what the request says; its spec is republished (by {@link SpecSync}'s
     * timer) only when something changed.
     *
     * @return whether anything changed
     */
    boolean update(Monitor monitor, MonitorRequest request) {
        MonitorRequest before = toRequest(monitor);
        int interval = monitor.intervalSeconds;
        apply(monitor, request);
        if (toRequest(monitor).equals(before)) {
            return false;
        }
        Instant now = Instant.now();
        if (monitor.intervalSeconds != interval && monitor.nextDueAt.isAfter(now)) {
            monitor.nextDueAt = Slots.firstSlotAfter(monitor.id, Duration.ofSeconds(monitor.intervalSeconds), now);
        }
        monitor.touch(now);
        return true;
    }

    /** Sets every client-writable field from the request, defaults for those left out. */
    private void apply(Monitor monitor, MonitorRequest request) {
        monitor.name = request.name().strip();
        monitor.url = request.url().strip();
        monitor.method = request.method() == null ? HttpMethod.HEAD : request.method();
        monitor.intervalSeconds = request.intervalSeconds() == null
                ? config.defaultIntervalSeconds() : request.intervalSeconds();
        monitor.timeoutSeconds = request.timeoutSeconds() == null
                ? config.defaultTimeoutSeconds() : request.timeoutSeconds();
        monitor.expectedStatuses = request.expectedStatuses() == null ? Monitor.DEFAULT_EXPECTED_STATUSES
                : request.expectedStatuses().replace(" ", "");
        monitor.followRedirects = request.followRedirects() == null || request.followRedirects();
        monitor.maxRedirects = request.maxRedirects() == null ? Monitor.DEFAULT_MAX_REDIRECTS : request.maxRedirects();
        monitor.requestHeaders = request.requestHeaders() == null ? Map.of()
                : new TreeMap<>(request.requestHeaders());
        monitor.tags = request.tags() == null ? List.of() : request.tags().stream().distinct().toList();
        monitor.paused = request.paused() != null && request.paused();
        monitor.maintenanceWindows = request.maintenanceWindows() == null ? List.of()
                : request.maintenanceWindows().stream().sorted(Comparator.comparing(MaintenanceWindow::start)).toList();
        monitor.regions = request.regions() == null ? Monitor.DEFAULT_REGIONS
                : request.regions().stream().distinct().toList();
        MonitorRequest.AlertPolicyRequest policy = request.alertPolicy();
        monitor.failuresToOpen = policy == null || policy.failuresToOpen() == null ? 2 : policy.failuresToOpen();
        monitor.successesToClose = policy == null || policy.successesToClose() == null ? 1
                : policy.successesToClose();
        monitor.reminderMinutes = policy == null ? null : policy.reminderMinutes();
        monitor.contactEmail = request.contactEmail() == null ? null : request.contactEmail().strip();
        monitor.contacts = ownChannels(request.contacts(), monitor.ownerId);
    }

    /** The ids, once each, after checking that every one is a channel of the monitor's owner. */
    private static List<UUID> ownChannels(List<UUID> ids, UUID ownerId) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<UUID> distinct = ids.stream().distinct().toList();
        Set<UUID> owned = Channel.<Channel>list("id in ?1 and ownerId = ?2", distinct, ownerId).stream()
                .map(c -> c.id).collect(Collectors.toSet());
        for (int i = 0; i < ids.size(); i++) {
            if (!owned.contains(ids.get(i))) {
                throw new InvalidFieldException("contacts[" + i + "]", "is not one of the owner's channels");
            }
        }
        return distinct;
    }

    /** The monitor as a client would write it: the base a merge patch applies to, and what an export holds. */
    public static MonitorRequest toRequest(Monitor m) {
        return new MonitorRequest(m.name, m.url, m.method, m.intervalSeconds, m.timeoutSeconds, m.expectedStatuses,
                m.followRedirects, m.maxRedirects, m.requestHeaders, m.tags, m.paused, m.maintenanceWindows,
                m.regions, new MonitorRequest.AlertPolicyRequest(m.failuresToOpen, m.successesToClose,
                m.reminderMinutes), m.contactEmail, m.contacts().isEmpty() ? null : m.contacts());
    }

    /** RFC 7396: null removes a member, objects merge recursively, anything else replaces. */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(member -> {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && target.get(name) instanceof ObjectNode nested) {
                merge(nested, value);
            } else {
                target.set(name, value);
            }
        });
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no monitor with id " + id);
    }

    /** A merge patch whose result is not a monitor (an unknown field, a wrong type): the client's mistake. */
    public static final class PatchException extends RuntimeException {
        public PatchException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
