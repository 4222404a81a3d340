package dev.pharos.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.contracts.Contact;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.repository.AlertRepository;
import dev.pharos.notifier.service.DeliveryLedger.Claimed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After a provider's long outage the DOWN of an incident may be due later than its RECOVERED (its retries backed off
 * further): the owner must still hear DOWN first. A delivery is not claimed while an older one to the same contact
 * about the same monitor is pending. The delivery worker does not run here; the test claims as it would.
 */
@QuarkusTest
@TestProfile(DeliveryOrderTest.NoDeliveryTicks.class)
@WithTestResource(DevstackTestResource.class)
class DeliveryOrderTest {

    /** A kind of its own, so no other test's pending deliveries are claimed here. */
    private static final String KIND = "order-test";

    /** The worker's ticks an hour apart: only this test claims. */
    public static class NoDeliveryTicks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pharos.notifier.deliver-every", "1h");
        }
    }

    @Inject
    DeliveryLedger ledger;

    @Inject
    AlertRepository repository;

    @Test
    void aRecoveryWaitsUntilTheDownBeforeItToTheSameContactIsSent() {
        Instant now = Instant.now();
        UUID incident = StoredDeliveries.incident("order", now.minusSeconds(120));
        UUID down = queue(incident, Transition.OPENED, "+41790000001", now.minusSeconds(120), now.plusSeconds(3600));
        UUID recovered = queue(incident, Transition.RESOLVED, "+41790000001", now.minusSeconds(5),
                now.minusSeconds(5));
        UUID otherContact = queue(incident, Transition.RESOLVED, "+41790000002", now.minusSeconds(5),
                now.minusSeconds(5));

        assertEquals(Optional.of(otherContact), claimedId(), "another contact's recovery is not held back");
        assertEquals(Optional.empty(), claimedId(), "the recovery waits while its DOWN backs off");

        StoredDeliveries.dueNow(down);
        Claimed sending = ledger.claim(KIND).orElseThrow();
        assertEquals(down, sending.id(), "the DOWN goes first");
        assertEquals(Optional.empty(), claimedId(), "the recovery waits while its DOWN is being sent");

        ledger.sent(sending);
        assertEquals(Optional.of(recovered), claimedId(), "then the recovery");
    }

    private Optional<UUID> claimedId() {
        return ledger.claim(KIND).map(Claimed::id);
    }

    private UUID queue(UUID incident, Transition transition, String target, Instant createdAt, Instant dueAt) {
        return QuarkusTransaction.requiringNew().call(() -> StoredDeliveries.queue(repository, incident, transition,
                new Contact(KIND, target, Map.of()), createdAt, dueAt));
    }
}
