package dev.pharos.notifier.service;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.repository.AlertRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.UUID;

/** Incidents and deliveries written straight to the database, for tests that claim deliveries as the worker does. */
final class StoredDeliveries {

    private StoredDeliveries() {
    }

    /** An open incident of a monitor of its own. */
    static UUID incident(String monitorName, Instant openedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var incident = new Incident();
            incident.id = UUID.randomUUID();
            incident.monitorId = UUID.randomUUID();
            incident.monitorName = monitorName;
            incident.monitorUrl = "https://" + monitorName + ".example/";
            incident.cause = "HTTP 503";
            incident.firstFailureAt = openedAt;
            incident.openedAt = openedAt;
            incident.persist();
            return incident.id;
        });
    }

    /** Queues a delivery, in the caller's transaction, created at {@code createdAt} and due at {@code dueAt}. */
    static UUID queue(AlertRepository repository, UUID incident, Transition transition, Contact contact,
                      Instant createdAt, Instant dueAt) {
        repository.queueDelivery(incident, transition, 0, contact, null, null, createdAt);
        Delivery delivery = Delivery.find("idempotencyKey",
                Delivery.idempotencyKey(incident, transition, contact.channel(), contact.target())).firstResult();
        delivery.nextAttemptAt = dueAt;
        return delivery.id;
    }

    /** Makes the delivery due: also what the end of a claim's lease does. */
    static void dueNow(UUID delivery) {
        QuarkusTransaction.requiringNew().run(() ->
                Delivery.<Delivery>findById(delivery).nextAttemptAt = Instant.now().minusSeconds(1));
    }

    /** The delivery's status and attempts, for example {@code SENT 2}. */
    static String outcome(UUID delivery) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Delivery d = Delivery.findById(delivery);
            return d.status + " " + d.attempts;
        });
    }
}
