package dev.pharos.notifier.messaging;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.notifier.service.AlertService;
import dev.pharos.notifier.service.FaultPoints;
import dev.pharos.support.UntilStored;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds check results to the alert state machine. The offset is committed only after the result's effects are
 * stored; while the database is unavailable the same result is retried, not skipped ({@link UntilStored}).
 */
@ApplicationScoped
public class ResultConsumer {

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    private final AlertService alerts;
    private final Emitter<Record<String, CheckRequested>> confirmations;
    private final FaultPoints faults;

    public ResultConsumer(AlertService alerts,
                          @Channel("checks-requested-out") Emitter<Record<String, CheckRequested>> confirmations,
                          FaultPoints faults) {
        this.alerts = alerts;
        this.confirmations = confirmations;
        this.faults = faults;
    }

    @Incoming("checks-completed")
    @Blocking
    public void onResult(ConsumerRecord<String, CheckCompleted> record) throws InterruptedException {
        CheckCompleted result = record.value();
        if (result == null) {
            LOG.warnf("skipping a malformed result at %s-%d offset %d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        String what = "result " + result.checkId() + " of monitor " + result.monitorId();
        UntilStored.run(what, () -> alerts.apply(result)).flatMap(confirmation -> confirmation)
                .ifPresent(this::requestConfirmation);
        faults.afterResultStored(record);
    }

    /**
     * A confirmation only makes the alert faster: when it cannot be published the next scheduled check confirms
     * instead, so a failure here is logged, not retried.
     */
    private void requestConfirmation(CheckRequested request) {
        try {
            confirmations.send(Record.of(request.monitorId().toString(), request))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("could not request a confirmation check for monitor %s: %s", request.monitorId(), e.toString());
        }
    }
}
