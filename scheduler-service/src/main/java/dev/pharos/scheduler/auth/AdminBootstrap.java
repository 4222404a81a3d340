package dev.pharos.scheduler.auth;

import dev.pharos.scheduler.config.SchedulerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * On the first start (no owner exists yet) makes the owner {@code admin} with the role ADMIN and the API key from
 * {@code pharos.scheduler.bootstrap-admin-key}. Later starts leave owners and keys alone, so rotating the configured
 * key does not undo a revocation; make new keys through the API instead.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final SchedulerConfig config;
    private final ApiKeys keys;

    public AdminBootstrap(SchedulerConfig config, ApiKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (Owner.count() > 0) {
            return;
        }
        if (config.bootstrapAdminKey().isEmpty()) {
            LOG.warn("no API key exists yet: set pharos.scheduler.bootstrap-admin-key "
                    + "(PHAROS_SCHEDULER_BOOTSTRAP_ADMIN_KEY) and restart to create the first admin");
            return;
        }
        String key = config.bootstrapAdminKey().get().strip();
        if (key.length() < ApiKeys.MIN_CONFIGURED_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("pharos.scheduler.bootstrap-admin-key must be at least "
                    + ApiKeys.MIN_CONFIGURED_LENGTH + " visible ASCII characters");
        }
        Owner admin = Owner.create("admin", Role.ADMIN);
        keys.store(admin.id, "bootstrap admin key", key.substring(0, 6), key);
        // Monitors made before owners existed belong to the first admin.
        long adopted = Owner.getEntityManager()
                .createNativeQuery("UPDATE monitor SET owner_id = :owner WHERE owner_id IS NULL")
                .setParameter("owner", admin.id)
                .executeUpdate();
        LOG.infof("created the admin owner and its bootstrap API key%s",
                adopted > 0 ? "; it owns the " + adopted + " monitors made before" : "");
    }
}
