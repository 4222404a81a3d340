package dev.pharos.notifier.service;

import dev.pharos.contracts.Contact;
import dev.pharos.notifier.channel.ChannelRegistry;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import dev.pharos.notifier.repository.AlertRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Queues one notification to every contact of a monitor, in the caller's transaction. A contact no channel can serve
 * is skipped with a warning; the delivery's idempotency key keeps each notification from being queued twice.
 */
@ApplicationScoped
public class NotificationQueue {

    private static final Logger LOG = Logger.getLogger(NotificationQueue.class);

    private final AlertRepository repository;
    private final ChannelRegistry channels;

    public NotificationQueue(AlertRepository repository, ChannelRegistry channels) {
        this.repository = repository;
        this.channels = channels;
    }

    /**
     * @param sequence a REMINDER's sequence number (1 for the first), else 0
     * @param cause    what the message says instead of the incident's cause (a FLAPPING notice's count), or null
     * @param since    what the message says instead of the incident's first failure, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(UUID incidentId, Transition transition, int sequence, WatchedMonitor monitor, String cause,
                      Instant since, Instant now) {
        for (Contact contact : monitor.contactList()) {
            try {
                channels.accept(contact);
            } catch (IllegalArgumentException e) {
                LOG.warnf("monitor %s: not notifying a contact: %s", monitor.monitorId, e.getMessage());
                continue;
            }
            repository.queueDelivery(incidentId, transition, sequence, contact, cause, since, now);
        }
    }
}
