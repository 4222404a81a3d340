package dev.pharos.checker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** A polled batch is acknowledged once, and only when every request in it has been. */
class BatchSplitterTest {

    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicInteger nacks = new AtomicInteger();

    private Message<List<CheckRequested>> batchOf(int size) {
        List<CheckRequested> requests = IntStream.range(0, size)
                .mapToObj(i -> new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), "http://example.com/",
                        HttpMethod.HEAD, 5_000, "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED))
                .toList();
        return Message.of(requests, () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            nacks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void theBatchIsAcknowledgedWhenItsLastRequestIs() {
        var parts = BatchSplitter.split(batchOf(3));
        assertEquals(3, parts.size());
        parts.get(2).ack();
        parts.get(0).ack();
        assertEquals(0, acks.get(), "acknowledged before every request was");
        parts.get(1).ack();
        assertEquals(1, acks.get());
        assertEquals(0, nacks.get());
    }

    @Test
    void oneFailureFailsTheBatchOnceAndItIsNeverAcknowledged() {
        var parts = BatchSplitter.split(batchOf(3));
        parts.get(0).nack(new IllegalStateException("publish failed"));
        parts.get(1).nack(new IllegalStateException("publish failed"));
        parts.get(2).ack();
        assertEquals(1, nacks.get());
        assertEquals(0, acks.get());
    }

    @Test
    void anEmptyBatchIsAcknowledgedAtOnce() {
        assertTrue(BatchSplitter.split(batchOf(0)).isEmpty());
        assertEquals(1, acks.get());
        assertFalse(nacks.get() > 0);
    }
}
