package dev.pharos.bench;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code pharos.checks.completed} from its beginning on a thread of its own and notes when each result arrived,
 * so that arrival times do not depend on when the main thread looks. While a batch is timed only each record's key
 * (the monitor id, unique per check in a batch) is read; the results are parsed afterwards ({@link #results}), so the
 * bench's own JSON parsing does not compete for the CPU with the checker it measures.
 */
final class Collector implements AutoCloseable {

    /** One result and the moment ({@link System#nanoTime()}) it was read. */
    record Arrival(CheckCompleted result, long receivedNanos) {
    }

    /** One record as read: its key, its value not yet parsed, and the moment it was read. */
    record Raw(String key, byte[] value, long receivedNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final BlockingQueue<Raw> arrivals = new LinkedBlockingQueue<>();
    private final AtomicLong malformed = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    Collector(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                // Fewer, fuller fetches spare the broker; a result is read at most 20 ms later than it could be.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20), new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(Topics.CHECKS_COMPLETED, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "result-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (var record : records) {
                    arrivals.add(new Raw(record.key(), record.value(), now));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits until a result for every expected key (monitor id) has arrived. Results of other checks (an earlier batch)
     * are dropped.
     *
     * @return the arrivals of expected checks in the order read, duplicates included, not parsed yet
     */
    List<Raw> await(Set<String> expected, Duration timeout) throws InterruptedException {
        var found = new ArrayList<Raw>(expected.size());
        var missing = new HashSet<>(expected);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.isAlive()) {
                throw new IllegalStateException(missing.size() + " of " + expected.size()
                        + " results did not arrive within " + timeout);
            }
            take(arrivals.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS), expected, missing, found);
        }
        return found;
    }

    /** Keeps reading for {@code grace}, adding late results of expected checks (duplicates) to {@code found}. */
    void drain(Set<String> expected, Duration grace, List<Raw> found) throws InterruptedException {
        var missing = new HashSet<String>();
        long end = System.nanoTime() + grace.toNanos();
        for (long left = grace.toNanos(); left > 0; left = end - System.nanoTime()) {
            take(arrivals.poll(left, TimeUnit.NANOSECONDS), expected, missing, found);
        }
    }

    private static void take(Raw arrival, Set<String> expected, Set<String> missing, List<Raw> found) {
        if (arrival != null && expected.contains(arrival.key())) {
            found.add(arrival);
            missing.remove(arrival.key());
        }
    }

    /** Parses the records read; one that is not a result is counted in {@link #malformed()} and left out. */
    List<Arrival> results(List<Raw> raws) {
        var deserializer = new CheckCompletedDeserializer();
        var results = new ArrayList<Arrival>(raws.size());
        for (var raw : raws) {
            CheckCompleted result = null;
            try {
                result = deserializer.deserialize(Topics.CHECKS_COMPLETED, raw.value());
            } catch (RuntimeException e) {
                // counted below
            }
            if (result == null) {
                malformed.incrementAndGet();
            } else {
                results.add(new Arrival(result, raw.receivedNanos()));
            }
        }
        return results;
    }

    /** Records of the batch that could not be read as a result. */
    long malformed() {
        return malformed.get();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
