package dev.pharos.notifier.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.contracts.Contact;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.ProviderStandInResource;
import dev.pharos.notifier.channel.EmailChannel;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.repository.AlertRepository;
import dev.pharos.notifier.service.DeliveryLedger.Claimed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A notifier stopped between the SMTP server's answer and recording it ({@code kill -9}) leaves its delivery claimed
 * and unrecorded. When the claim's lease has run out, the delivery worker asks the email journal first: what the
 * server accepted is recorded SENT without a second email, what it never accepted is sent. The test claims (and
 * sends) as the stopped notifier did, and records nothing. The same test resources as EmailChannelTest, so the same
 * Quarkus application.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(ProviderStandInResource.class)
class EmailJournalDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DeliveryLedger ledger;
    @Inject
    AlertRepository repository;
    @Inject
    EmailChannel email;

    @Test
    void anEmailTheServerAcceptedBeforeTheNotifierStoppedIsRecordedSentAndNotSentAgain() throws Exception {
        String address = "accepted-" + UUID.randomUUID() + "@example.com";
        Claimed claimed = claim(address);
        email.send(claimed.notification(), claimed.contact());
        assertEquals(1, GreenMailResource.receivedBy(address).size());

        StoredDeliveries.dueNow(claimed.id());

        await().atMost(WAIT).until(() -> StoredDeliveries.outcome(claimed.id()).equals("SENT 2"));
        // An email the worker sent would have reached the server before SENT was recorded.
        assertEquals(1, GreenMailResource.receivedBy(address).size(), "not sent again");
    }

    @Test
    void anEmailTheServerNeverAcceptedIsSentWhenTheLeaseRunsOut() {
        String address = "unaccepted-" + UUID.randomUUID() + "@example.com";
        Claimed claimed = claim(address);

        StoredDeliveries.dueNow(claimed.id());

        await().atMost(WAIT).until(() -> StoredDeliveries.outcome(claimed.id()).equals("SENT 2"));
        assertEquals(1, GreenMailResource.receivedBy(address).size(), "sent once");
    }

    /**
     * A new DOWN email to the address, claimed as the worker claims it. Queued and claimed in one transaction, so the
     * running worker never sees it unclaimed; due long ago, so it is the most overdue email delivery.
     */
    private Claimed claim(String address) {
        Instant longAgo = Instant.now().minus(Duration.ofDays(1));
        UUID incident = StoredDeliveries.incident("journal", longAgo);
        Claimed claimed = QuarkusTransaction.requiringNew().call(() -> {
            UUID queued = StoredDeliveries.queue(repository, incident, Transition.OPENED, Contact.email(address),
                    longAgo, longAgo);
            Claimed first = ledger.claim("email").orElseThrow();
            assertEquals(queued, first.id(), "claimed this test's delivery");
            return first;
        });
        assertEquals(1, claimed.attempt());
        return claimed;
    }
}
