package dev.pharos.notifier.service;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.channel.ChannelRegistry;
import dev.pharos.notifier.domain.AlertStateMachine;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.domain.MonitorState;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import dev.pharos.notifier.repository.AlertRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one check result: in one transaction it records the result as processed, advances the monitor's alert
 * state, opens or resolves the incident, stores the incident event for {@code pharos.incidents}, and queues the
 * deliveries. A redelivered result finds itself processed and
 * changes nothing.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository repository;
    private final ChannelRegistry channels;
    private final EventOutbox events;

    public AlertService(AlertRepository repository, ChannelRegistry channels, EventOutbox events) {
        this.repository = repository;
        this.channels = channels;
        this.events = events;
    }

    /** @return a confirmation check to request right away, when this was the first failure of a run */
    @Transactional
    public Optional<CheckRequested> apply(CheckCompleted result) {
        Instant now = Instant.now();
        if (!repository.markProcessed(result.checkId(), now)) {
            LOG.debugf("result %s of monitor %s was applied before", result.checkId(), result.monitorId());
            return Optional.empty();
        }
        WatchedMonitor monitor = WatchedMonitor.findById(result.monitorId());
        if (monitor == null || monitor.paused) {
            return Optional.empty();
        }
        MonitorState state = MonitorState.findById(result.monitorId(), LockModeType.PESSIMISTIC_WRITE);
        if (state == null) {
            state = MonitorState.initial(result.monitorId());
            state.persist();
        }
        var decision = AlertStateMachine.apply(state.alertState(), result.outcome(), result.startedAt(),
                monitor.alertPolicy());
        state.set(decision.next(), now);
        if (decision.transition() == Transition.OPENED) {
            Incident incident = open(monitor, result, decision.next().firstFailureAt(), now);
            state.openIncidentId = incident.id;
            events.incidentOpened(incident);
            queue(incident, Transition.OPENED, monitor, now);
        } else if (decision.transition() == Transition.RESOLVED && state.openIncidentId != null) {
            Incident incident = Incident.findById(state.openIncidentId);
            incident.resolvedAt = result.startedAt();
            state.openIncidentId = null;
            LOG.infof("incident %s of monitor %s resolved", incident.id, monitor.monitorId);
            events.incidentResolved(incident);
            queue(incident, Transition.RESOLVED, monitor, now);
        }
        return decision.requestConfirmation() ? Optional.of(confirmation(monitor, result)) : Optional.empty();
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

    private void queue(Incident incident, Transition transition, WatchedMonitor monitor, Instant now) {
        for (Contact contact : monitor.contactList()) {
            try {
                channels.accept(contact);
            } catch (IllegalArgumentException e) {
                LOG.warnf("monitor %s: not notifying a contact: %s", monitor.monitorId, e.getMessage());
                continue;
            }
            repository.queueDelivery(incident.id, transition, contact, now);
        }
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

    private static CheckRequested confirmation(WatchedMonitor monitor, CheckCompleted failed) {
        UUID checkId = UUID.nameUUIDFromBytes(("confirm:" + failed.checkId()).getBytes(StandardCharsets.UTF_8));
        return new CheckRequested(CheckRequested.VERSION, checkId, monitor.monitorId, monitor.url, monitor.method,
                monitor.timeoutSeconds * 1000, monitor.expectedStatuses, true, 5, Instant.now(), CheckReason.CONFIRM);
    }
}
