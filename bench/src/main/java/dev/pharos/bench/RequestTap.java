package dev.pharos.bench;

import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.contracts.json.MonitorSpecDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code pharos.monitors} (the roster: every monitor's id and interval) and {@code pharos.checks.requested}
 * from their beginnings on a thread of its own, and keeps each scheduled request compactly: which monitor, its slot
 * ({@code dueAt}), its record timestamp (the producer's clock when the scheduler handed it to the Kafka client) and
 * when this consumer read it. A million requests fit in a few tens of megabytes.
 */
final class RequestTap implements AutoCloseable {

    /** The monitors named on {@code pharos.monitors}, by index. */
    record Roster(List<UUID> ids, int[] intervalSeconds) {
    }

    /** The requests read so far, column by column; row {@code i} of each array is one request. */
    record Requests(int count, int[] monitor, long[] dueAtMs, long[] publishedMs, long[] readMs, UUID[] checkIds) {
    }

    private final String bootstrapServers;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    /** The reading thread's position in each partition after its last poll. */
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong notScheduled = new AtomicLong();
    private volatile boolean closed;
    private volatile RuntimeException failure;

    // Guarded by this.
    private final Map<UUID, Integer> index = new HashMap<>();
    private final List<UUID> ids = new ArrayList<>();
    private int[] interval = new int[1024];
    private boolean[] requested = new boolean[1024];
    private int rostered;
    private int monitorsRequested;
    private long lastFirstRequestMs;
    private int count;
    private int[] monitor = new int[1 << 16];
    private long[] dueAt = new long[1 << 16];
    private long[] published = new long[1 << 16];
    private long[] read = new long[1 << 16];
    private UUID[] checkId = new UUID[1 << 16];

    RequestTap(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
        for (String topic : List.of(Topics.MONITORS, Topics.CHECKS_REQUESTED)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "request-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        var requests = new CheckRequestedDeserializer();
        var specs = new MonitorSpecDeserializer();
        try {
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                synchronized (this) {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (record.value() == null) {
                            continue; // a tombstone: no monitor is deleted in this benchmark
                        }
                        try {
                            if (record.topic().equals(Topics.MONITORS)) {
                                spec(specs.deserialize(record.topic(), record.value()));
                            } else {
                                request(requests.deserialize(record.topic(), record.value()), record.timestamp(),
                                        now);
                            }
                        } catch (RuntimeException e) {
                            malformed.incrementAndGet();
                        }
                    }
                }
                var reached = new HashMap<TopicPartition, Long>();
                partitions.forEach(partition -> reached.put(partition, consumer.position(partition)));
                positions = reached;
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void spec(MonitorSpec spec) {
        int i = indexOf(spec.monitorId());
        if (interval[i] == 0) {
            rostered++;
        }
        interval[i] = spec.intervalSeconds();
    }

    private void request(CheckRequested request, long publishedMs, long readMs) {
        if (request.reason() != CheckReason.SCHEDULED) {
            notScheduled.incrementAndGet();
            return;
        }
        int i = indexOf(request.monitorId());
        if (!requested[i]) {
            requested[i] = true;
            monitorsRequested++;
            lastFirstRequestMs = Math.max(lastFirstRequestMs, readMs);
        }
        if (count == monitor.length) {
            int size = count * 2;
            monitor = Arrays.copyOf(monitor, size);
            dueAt = Arrays.copyOf(dueAt, size);
            published = Arrays.copyOf(published, size);
            read = Arrays.copyOf(read, size);
            checkId = Arrays.copyOf(checkId, size);
        }
        monitor[count] = i;
        dueAt[count] = request.dueAt().toEpochMilli();
        published[count] = publishedMs;
        read[count] = readMs;
        checkId[count] = request.checkId();
        count++;
    }

    private int indexOf(UUID id) {
        Integer known = index.get(id);
        if (known != null) {
            return known;
        }
        int i = ids.size();
        index.put(id, i);
        ids.add(id);
        if (i == interval.length) {
            interval = Arrays.copyOf(interval, i * 2);
            requested = Arrays.copyOf(requested, i * 2);
        }
        return i;
    }

    /** Monitors whose spec is on {@code pharos.monitors}. */
    synchronized int rostered() {
        check();
        return rostered;
    }

    /** Monitors with at least one scheduled request. */
    synchronized int monitorsRequested() {
        check();
        return monitorsRequested;
    }

    /** When the last monitor to get its first scheduled request got it (as read here). */
    synchronized Instant lastFirstRequest() {
        return Instant.ofEpochMilli(lastFirstRequestMs);
    }

    /** Scheduled requests read so far. */
    synchronized int requestCount() {
        check();
        return count;
    }

    /** Requests with a reason other than SCHEDULED (none expected: no notifier runs). */
    long notScheduled() {
        return notScheduled.get();
    }

    long malformed() {
        return malformed.get();
    }

    /** Waits until this consumer has read both topics up to their ends as of this call. */
    void catchUp(Duration timeout) {
        Map<TopicPartition, Long> end;
        // The consumer is not thread-safe and belongs to the reading thread: ask with one of our own.
        try (var probe = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            end = probe.endOffsets(partitions);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (end.entrySet().stream().anyMatch(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())) {
            check();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read the topics to their ends within " + timeout);
            }
            sleep(100);
        }
    }

    synchronized Roster roster() {
        return new Roster(List.copyOf(ids), Arrays.copyOf(interval, ids.size()));
    }

    synchronized Requests requests() {
        return new Requests(count, Arrays.copyOf(monitor, count), Arrays.copyOf(dueAt, count),
                Arrays.copyOf(published, count), Arrays.copyOf(read, count),
                Arrays.copyOf(checkId, count));
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("the request consumer failed", failure);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
