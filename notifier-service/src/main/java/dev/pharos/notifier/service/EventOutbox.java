package dev.pharos.notifier.service;

import dev.pharos.contracts.DeliveryDeadLettered;
import dev.pharos.contracts.IncidentEvent;
import dev.pharos.contracts.IncidentOpened;
import dev.pharos.contracts.IncidentResolved;
import dev.pharos.contracts.NotificationAttempt;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.EventJson;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.domain.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Stores the events the notifier publishes, in the caller's transaction, so an event exists exactly when the change
 * it reports was committed. {@code OutboxPublisher} sends them after the commit.
 */
@ApplicationScoped
public class EventOutbox {

    /** How a delivery attempt ended, as published in {@link NotificationAttempt#status()}. */
    public enum AttemptStatus { SENT, FAILED, DEAD }

    @Transactional(Transactional.TxType.MANDATORY)
    public void incidentOpened(Incident incident) {
        append(Topics.INCIDENTS, incident.monitorId, new IncidentOpened(IncidentEvent.VERSION, incident.id,
                incident.monitorId, incident.cause, incident.httpStatus, incident.errorKind, incident.firstFailureAt,
                incident.openedAt));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void incidentResolved(Incident incident) {
        append(Topics.INCIDENTS, incident.monitorId, new IncidentResolved(IncidentEvent.VERSION, incident.id,
                incident.monitorId, incident.resolvedAt, incident.duration().toSeconds(), incident.cause,
                incident.httpStatus, incident.errorKind, incident.firstFailureAt));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void attempt(Delivery delivery, UUID monitorId, AttemptStatus status, Instant at) {
        append(Topics.NOTIFICATIONS, monitorId, new NotificationAttempt(NotificationAttempt.VERSION, delivery.id,
                delivery.incidentId, monitorId, delivery.transition.name(), delivery.channel, delivery.attempts,
                status.name(), delivery.lastError, at, delivery.channelId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deadLettered(Delivery delivery, UUID monitorId, Instant at) {
        append(Topics.NOTIFICATIONS_DLQ, monitorId, new DeliveryDeadLettered(DeliveryDeadLettered.VERSION,
                delivery.id, delivery.incidentId, monitorId, delivery.transition.name(), delivery.channel,
                delivery.publicTarget(), delivery.attempts, delivery.lastError, at));
    }

    private static void append(String topic, UUID monitorId, Object event) {
        var row = new OutboxEvent();
        row.topic = topic;
        row.recordKey = monitorId.toString();
        row.payload = EventJson.writeString(event);
        row.createdAt = Instant.now();
        row.persist();
    }
}
