package dev.pharos.scheduler.messaging;

import dev.pharos.contracts.ChannelTestRequested;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.scheduler.domain.Monitor;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes monitor specs and check requests, keyed by monitor id; callers await the broker's acknowledgement. */
@ApplicationScoped
public class EventPublisher {

    private final Emitter<Record<String, MonitorSpec>> monitors;
    private final Emitter<Record<String, CheckRequested>> checks;
    private final Emitter<Record<String, ChannelTestRequested>> channelTests;

    public EventPublisher(@Channel("monitors-out") Emitter<Record<String, MonitorSpec>> monitors,
                          @Channel("checks-requested-out") Emitter<Record<String, CheckRequested>> checks,
                          @Channel("channel-tests-out") Emitter<Record<String, ChannelTestRequested>> channelTests) {
        this.monitors = monitors;
        this.checks = checks;
        this.channelTests = channelTests;
    }

    /**
     * The monitor's spec with its contacts, or a tombstone when it was deleted.
     *
     * @param channels at least the channels the monitor names; one missing (deleted meanwhile) is left out
     */
    public CompletionStage<Void> publishSpec(Monitor monitor, Map<UUID, dev.pharos.scheduler.domain.Channel> channels) {
        return monitors.send(Record.of(monitor.id.toString(), monitor.deleted ? null : monitor.toSpec(channels)));
    }

    /** Keyed by the channel's id, so one channel's tests stay in order. */
    public CompletionStage<Void> publishChannelTest(ChannelTestRequested request) {
        return channelTests.send(Record.of(request.contact().channelId().toString(), request));
    }

    public CompletionStage<Void> publishCheck(CheckRequested request) {
        return checks.send(Record.of(request.monitorId().toString(), request));
    }

    /** Waits until the broker acknowledged every send, or fails. */
    public static void awaitAll(List<CompletionStage<Void>> sends, Duration timeout) {
        try {
            CompletableFuture.allOf(sends.stream().map(CompletionStage::toCompletableFuture)
                    .toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("the broker refused a record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("the broker did not acknowledge within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing", e);
        }
    }

    /** Publishing failed; the caller's transaction rolls back so the work is retried. */
    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
