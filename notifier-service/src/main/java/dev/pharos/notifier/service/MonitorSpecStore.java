package dev.pharos.notifier.service;

import dev.pharos.contracts.MonitorSpec;
import dev.pharos.notifier.domain.WatchedMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** The notifier's copy of the monitors' specs. */
@ApplicationScoped
public class MonitorSpecStore {

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
        return null;
    }

    @Transactional
    public Void delete(UUID monitorId) {
        WatchedMonitor.deleteById(monitorId);
        return null;
    }
}
