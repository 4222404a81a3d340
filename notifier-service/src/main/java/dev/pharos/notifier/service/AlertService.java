package dev.pharos.notifier.service;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.notifier.domain.AlertRules;
import dev.pharos.notifier.domain.AlertState;
import dev.pharos.notifier.domain.AlertStateMachine;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.domain.MonitorAlert;
import dev.pharos.notifier.domain.MonitorState;
import dev.pharos.notifier.domain.RegionState;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import dev.pharos.notifier.repository.AlertRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one check result: in one transaction it records the result as processed, advances the monitor's and the
 * region's alert state ({@link AlertStateMachine}), opens or resolves the incident, stores the incident event for
 * {@code pharos.incidents}, and queues the deliveries the state machine asks for. A redelivered result finds itself
 * processed and changes nothing.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository repository;
    private final NotificationQueue notifications;
    private final EventOutbox events;
    private final AlertSettings settings;

    public AlertService(AlertRepository repository, NotificationQueue notifications, EventOutbox events,
                        AlertSettings settings) {
        this.repository = repository;
        this.notifications = notifications;
        this.events = events;
        this.settings = settings;
    }

    /** @return a confirmation check to request right away, when this was the first failure of a region's run */
    @Transactional
    public Optional<CheckRequested> apply(CheckCompleted result) {
        Instant now = Instant.now();
        if (!repository.markProcessed(result.checkId(), now)) {
            LOG.debugf("result %s of monitor %s was applied before", result.checkId(), result.monitorId());
            return Optional.empty();
        }
        WatchedMonitor monitor = WatchedMonitor.findById(result.monitorId());
        if (monitor == null) {
            LOG.debugf("result %s of monitor %s: no spec known, ignored", result.checkId(), result.monitorId());
            return Optional.empty();
        }
        AlertRules rules = monitor.alertRules(settings.flapping(), settings.reminderMinute());
        MonitorState state = MonitorState.findById(result.monitorId(), LockModeType.PESSIMISTIC_WRITE);
        boolean fresh = state == null;
        if (fresh) {
            state = MonitorState.initial(result.monitorId());
        }
        List<RegionState> regions = RegionState.of(result.monitorId());
        var judgement = AlertStateMachine.onResult(state.alert(regions), rules, result.region(), result.outcome(),
                result.startedAt(), now);
        if (judgement.ignored() != null) {
            LOG.debugf("result %s of monitor %s changes nothing: %s", result.checkId(), monitor.monitorId,
                    judgement.ignored());
            return Optional.empty();
        }
        if (fresh) {
            state.persist();
        }
        state.set(judgement.next(), now);
        storeRegions(monitor.monitorId, regions, judgement.next(), now);

        if (judgement.change() == Transition.OPENED) {
            Incident incident = open(monitor, result, judgement.next().firstFailureAt(), now);
            state.openIncidentId = incident.id;
            state.lastIncidentId = incident.id;
            events.incidentOpened(incident);
        } else if (judgement.change() == Transition.RESOLVED && state.openIncidentId != null) {
            Incident incident = Incident.findById(state.openIncidentId);
            incident.resolvedAt = result.startedAt();
            state.openIncidentId = null;
            LOG.infof("incident %s of monitor %s resolved", incident.id, monitor.monitorId);
            events.incidentResolved(incident);
        }
        notifyOwner(judgement, state, monitor, rules, now);
        return judgement.requestConfirmation() ? Optional.of(confirmation(monitor, result)) : Optional.empty();
    }

    private void notifyOwner(AlertStateMachine.Judgement judgement, MonitorState state, WatchedMonitor monitor,
                             AlertRules rules, Instant now) {
        MonitorAlert next = judgement.next();
        switch (judgement.tell()) {
            case OPENED -> queue(state.openIncidentId, Transition.OPENED, monitor, null, null, now);
            case RESOLVED -> queue(state.lastIncidentId, Transition.RESOLVED, monitor, null, null, now);
            case FLAPPING -> {
                String changes = rules.flapping().describe(next.changes().size());
                LOG.infof("monitor %s is flapping (%s): its notifications are held back until it is stable",
                        monitor.monitorId, changes);
                queue(state.lastIncidentId, Transition.FLAPPING, monitor, changes, next.changes().get(0), now);
            }
            default -> {
                if (judgement.change() != Transition.NONE) {
                    LOG.infof("monitor %s is flapping: %s not notified", monitor.monitorId, judgement.change());
                }
            }
        }
    }

    private void queue(UUID incidentId, Transition transition, WatchedMonitor monitor, String cause, Instant since,
                       Instant now) {
        if (incidentId == null) {
            // Only state stored before incidents were tracked per monitor can lack the incident to refer to.
            LOG.warnf("monitor %s: no incident to send %s about", monitor.monitorId, transition);
            return;
        }
        notifications.queue(incidentId, transition, 0, monitor, cause, since, now);
    }

    /** Writes the regions' states: changed rows updated, new ones inserted, dropped regions deleted. */
    private static void storeRegions(UUID monitorId, List<RegionState> stored, MonitorAlert next, Instant now) {
        for (RegionState row : stored) {
            AlertState state = next.regions().get(row.region);
            if (state == null) {
                row.delete();
            } else if (!state.equals(row.alertState())) {
                row.set(state, now);
            }
        }
        for (Map.Entry<String, AlertState> region : next.regions().entrySet()) {
            if (stored.stream().noneMatch(row -> row.region.equals(region.getKey()))) {
                var row = new RegionState();
                row.monitorId = monitorId;
                row.region = region.getKey();
                row.set(region.getValue(), now);
                row.persist();
            }
        }
    }

    private Incident open(WatchedMonitor monitor, CheckCompleted result, Instant firstFailureAt, Instant now) {
        var incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.monitorId = monitor.monitorId;
        incident.monitorName = monitor.name;
        incident.monitorUrl = monitor.url;
        incident.cause = cause(result);
        incident.httpStatus = result.httpStatus();
        incident.errorKind = result.errorKind();
        incident.firstFailureAt = firstFailureAt;
        incident.openedAt = now;
        incident.persist();
        LOG.infof("incident %s opened for monitor %s: %s", incident.id, monitor.monitorId, incident.cause);
        return incident;
    }

    /** {@code HTTP 503}, or the error kind with the client's explanation, at most 300 characters. */
    static String cause(CheckCompleted result) {
        if (result.httpStatus() != null) {
            return "HTTP " + result.httpStatus();
        }
        String kind = result.errorKind() == null ? "DOWN" : result.errorKind().name();
        String cause = result.errorMessage() == null ? kind : kind + " (" + result.errorMessage() + ")";
        return cause.length() <= 300 ? cause : cause.substring(0, 299) + "…";
    }

    /** The same check as the monitor's scheduled ones, run at once and only in the region that saw the failure. */
    static CheckRequested confirmation(WatchedMonitor monitor, CheckCompleted failed) {
        UUID checkId = UUID.nameUUIDFromBytes(("confirm:" + failed.checkId()).getBytes(StandardCharsets.UTF_8));
        return new CheckRequested(CheckRequested.VERSION, checkId, monitor.monitorId, monitor.url, monitor.method,
                monitor.timeoutSeconds * 1000, monitor.expectedStatuses, monitor.followRedirects,
                monitor.maxRedirects, Instant.now(), CheckReason.CONFIRM, monitor.requestHeaderMap(),
                List.of(failed.region()));
    }
}
