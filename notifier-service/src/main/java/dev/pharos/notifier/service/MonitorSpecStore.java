package dev.pharos.notifier.service;

import dev.pharos.contracts.Contact;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.notifier.channel.ChannelRegistry;
import dev.pharos.notifier.domain.WatchedMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The notifier's copy of the monitors' specs. A contact that no channel can deliver to is reported when the spec
 * arrives, and again (and skipped) when an alert is due: it is kept, since the operator may add the missing
 * provider credentials before then.
 */
@ApplicationScoped
public class MonitorSpecStore {

    private static final Logger LOG = Logger.getLogger(MonitorSpecStore.class);

    private final ChannelRegistry channels;

    public MonitorSpecStore(ChannelRegistry channels) {
        this.channels = channels;
    }

    @Transactional
    public Void save(MonitorSpec spec) {
        WatchedMonitor monitor = WatchedMonitor.findById(spec.monitorId());
        if (monitor == null) {
            monitor = new WatchedMonitor();
            monitor.apply(spec);
            monitor.persist();
        } else {
            monitor.apply(spec);
        }
        for (Contact contact : monitor.contactList()) {
            try {
                channels.accept(contact);
            } catch (IllegalArgumentException e) {
                LOG.warnf("monitor %s has a contact that cannot be notified: %s", spec.monitorId(), e.getMessage());
            }
        }
        return null;
    }

    @Transactional
    public Void delete(UUID monitorId) {
        WatchedMonitor.deleteById(monitorId);
        return null;
    }
}
