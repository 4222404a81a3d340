package dev.pharos.notifier.service;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.config.NotifierConfig.Fault.HaltAt;
import dev.pharos.notifier.service.DeliveryLedger.Claimed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * For the crash tests only: stops the JVM at once, as {@code kill -9} would, at the point named by
 * {@code pharos.notifier.fault.halt-at}. Unset (the default, and always in production) every method returns at once.
 * <ul>
 *   <li>{@code after-state-stored}: a result's transaction, which queued a notification, is committed; the
 *   notification is not sent and the result's offset not acknowledged;</li>
 *   <li>{@code after-delivery-recorded}: as above, but first waits until the notifications that result queued are
 *   sent and recorded SENT; the offset is still not acknowledged;</li>
 *   <li>{@code after-provider-accepted}: a provider accepted a notification; SENT is not recorded.</li>
 * </ul>
 * Each halt is logged first, with the result's partition and offset, so a test can follow what happens after it.
 */
@ApplicationScoped
public class FaultPoints {

    private static final Logger LOG = Logger.getLogger(FaultPoints.class);
    private static final int EXIT_CODE = 137;
    private static final Duration SEND_WAIT = Duration.ofMinutes(2);

    private final Optional<HaltAt> haltAt;
    private final EntityManager entityManager;

    public FaultPoints(NotifierConfig config, EntityManager entityManager) {
        this.haltAt = config.fault().haltAt();
        this.entityManager = entityManager;
        haltAt.ifPresent(point -> LOG.warnf("pharos.notifier.fault.halt-at=%s: this notifier halts on purpose "
                + "(a crash test); never set it in production", name(point)));
    }

    /** Called once a result's effects are stored, before its offset is acknowledged. */
    public void afterResultStored(ConsumerRecord<String, CheckCompleted> record) {
        if (haltAt.isEmpty() || haltAt.get() == HaltAt.AFTER_PROVIDER_ACCEPTED || record.value() == null) {
            return;
        }
        CheckCompleted result = record.value();
        if (queuedBy(result).isEmpty()) {
            return;
        }
        if (haltAt.get() == HaltAt.AFTER_DELIVERY_RECORDED && !awaitSent(result)) {
            LOG.errorf("fault point %s: the notifications of result %s were not all sent within %s; not halting",
                    name(haltAt.get()), result.checkId(), SEND_WAIT);
            return;
        }
        halt(String.format("result %s of monitor %s at %s-%d@%d stored, offset not acknowledged", result.checkId(),
                result.monitorId(), record.topic(), record.partition(), record.offset()));
    }

    /** Called when a provider has accepted a notification, before the delivery is recorded SENT. */
    public void afterProviderAccepted(Claimed claimed) {
        if (haltAt.orElse(null) == HaltAt.AFTER_PROVIDER_ACCEPTED) {
            halt(String.format("delivery %s (%s, attempt %d) for monitor %s accepted by the provider, not recorded "
                    + "SENT", claimed.id(), claimed.channel(), claimed.attempt(), claimed.monitorId()));
        }
    }

    /** The statuses of the deliveries this result queued: those of its monitor created since it was processed. */
    @SuppressWarnings("unchecked")
    private List<String> queuedBy(CheckCompleted result) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        SELECT d.status FROM delivery d
                        JOIN incident i ON i.id = d.incident_id
                        JOIN processed_check p ON p.check_id = :check
                        WHERE i.monitor_id = :monitor AND d.created_at >= p.processed_at""")
                .setParameter("check", result.checkId())
                .setParameter("monitor", result.monitorId())
                .getResultList());
    }

    private boolean awaitSent(CheckCompleted result) {
        Instant deadline = Instant.now().plus(SEND_WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (queuedBy(result).stream().allMatch("SENT"::equals)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void halt(String where) {
        LOG.errorf("fault point %s reached: halting with exit code %d: %s", name(haltAt.get()), EXIT_CODE, where);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }

    private static String name(HaltAt point) {
        return point.name().toLowerCase().replace('_', '-');
    }
}
