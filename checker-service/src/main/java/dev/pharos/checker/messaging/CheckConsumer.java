package dev.pharos.checker.messaging;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.EventJson;
import dev.pharos.contracts.json.EventSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Consumes check requests and publishes their results, at most {@code pharos.checker.max-in-flight} checks at once.
 *
 * <p>One thread owns the Kafka consumer: it fetches requests in batches (at most 500), starts their checks (which
 * then run on the Vert.x event loops), and pauses the consumer while fetched requests wait for a slot, resuming once
 * they have all started. Those few wait on that thread; they are not running checks. Results go to the
 * broker through the {@link ResultPublisher}, and a request counts as done only when the broker has acknowledged its
 * result. Offsets are committed up to the oldest request not yet done
 * ({@link PartitionOffsets}): a checker that crashes leaves every unfinished request uncommitted, and another checker
 * of the region checks it again (at-least-once).
 *
 * <p>Partitions are assigned with the cooperative sticky assignor: a checker joining or leaving the group moves only the
 * partitions that must move, and the others keep their running checks. A partition taken away has its done offsets
 * committed first; its running checks still publish, and the new owner may check them again (duplicates only around a
 * rebalance).
 *
 * <p>On shutdown no new check starts, and the running ones get {@code pharos.checker.shutdown-grace} to finish and
 * publish; the done offsets are committed and the consumer leaves the group. A check still running after that publishes
 * nothing: its request stays uncommitted and another checker of the region checks it.
 *
 * <p>Every region's checkers read every request (one consumer group per region). A request whose {@code regions} do
 * not include this checker's {@code pharos.checker.region} is not ours: it is done at once, without a check or a
 * result, and counted in {@code pharos_checks_skipped_total}. A request that cannot be read is logged and skipped:
 * retrying it would never succeed.
 */
@ApplicationScoped
public class CheckConsumer {

    private static final Logger LOG = Logger.getLogger(CheckConsumer.class);
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** How long a poll waits for requests while slots are free. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a poll waits while every slot is busy: the consumer is paused, and a freed slot should not wait long. */
    private static final Duration POLL_WHILE_FULL = Duration.ofMillis(5);
    private static final long COMMIT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long STUCK_CHECK_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final HttpChecker checker;
    private final CheckerConfig config;
    private final CheckMetrics metrics;
    /** Checks started whose result the broker has not yet acknowledged. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The {@code kafka.*} configuration (bootstrap servers, security settings), for both clients. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile boolean joined;
    private volatile Throwable failure;
    private Thread loop;
    private volatile ResultPublisher publisher;

    /** A fetched request waiting for a free slot. */
    private record Waiting(TopicPartition partition, PartitionOffsets.Entry entry, CheckRequested request) {
    }

    public CheckConsumer(HttpChecker checker, CheckerConfig config, CheckMetrics metrics) {
        if (!REGION.matcher(config.region()).matches()) {
            // Monitors name regions this way (the scheduler checks); any other name would match none of them.
            throw new IllegalArgumentException("pharos.checker.region must be 1-32 lowercase letters, digits and -"
                    + " starting with a letter or digit, not '" + config.region() + "'");
        }
        this.checker = checker;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        start(kafka);
    }

    /**
     * Runs before the application stops: stops new checks, waits up to the grace period for the running ones, commits
     * and leaves the group (see the class comment).
     */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    /** Joins the region's consumer group and starts consuming; {@code kafkaConfig} holds at least the servers. */
    public void start(Map<String, Object> kafkaConfig) {
        start(kafkaConfig, new KafkaProducer<>(
                ResultPublisher.producerConfig(kafkaConfig, "checker-results-" + checker.checkerId()),
                new StringSerializer(), new EventSerializer()));
    }

    /** As {@link #start(Map)}, publishing results through {@code resultProducer} (tests hold results back with it). */
    synchronized void start(Map<String, Object> kafkaConfig, Producer<String, Object> resultProducer) {
        if (loop != null) {
            resultProducer.close();
            return;
        }
        publisher = new ResultPublisher(resultProducer);
        Map<String, Object> consumerConfig = consumerConfig(kafkaConfig);
        loop = new Thread(() -> consume(consumerConfig), "checker-consumer");
        loop.start();
    }

    /** Stops consuming, lets running checks finish within the grace period, commits, and closes both clients. */
    public synchronized void stop() throws InterruptedException {
        if (loop == null || stopping) {
            return;
        }
        stopping = true;
        // The loop waits out the grace period itself; allow it that plus time to commit (5 s) and leave the group (5 s).
        loop.join(config.shutdownGrace().plusSeconds(15).toMillis());
        publisher.close();
    }

    /** Whether the consumer is paused because every slot is busy. */
    public boolean paused() {
        return paused;
    }

    /** Whether the consumer has joined its group (its partitions, possibly none, are assigned). */
    boolean joined() {
        return joined;
    }

    /** Why consuming stopped for good, or why results cannot be published, if either is so (liveness reports it). */
    Throwable failure() {
        return failure != null ? failure : publisher == null ? null : publisher.failure();
    }

    private Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig) {
        var settings = new HashMap<String, Object>();
        // A checker that dies hands its partitions to the others after 10 s rather than Kafka's default 45 s.
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Under load, fetches carry at least 32 KB (about 80 requests) instead of whatever arrived since the last one:
        // fewer, fuller fetches for the broker. A quiet topic's requests wait at most 50 ms for company.
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 32 * 1024);
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        settings.putAll(kafkaConfig);
        // All checkers of one region share the work: one consumer group per region.
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "checker-" + config.region());
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "checker-" + config.region() + "-" + checker.checkerId());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class));
        return settings;
    }

    private void consume(Map<String, Object> consumerConfig) {
        var offsets = new OffsetCommits();
        var waiting = new ArrayDeque<Waiting>();
        KafkaConsumer<String, byte[]> consumer = null;
        try {
            consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
            consume(consumer, offsets, waiting);
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("the checker's Kafka consumer stopped; no more checks are taken", e);
        } finally {
            if (consumer != null) {
                // Leaving the group hands the partitions over now, not after the session timeout.
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    private void consume(KafkaConsumer<String, byte[]> consumer, OffsetCommits offsets,
                         ArrayDeque<Waiting> waiting) {
        consumer.subscribe(List.of(Topics.CHECKS_REQUESTED), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                offsets.commitSync(consumer, partitions);
                forget(partitions, offsets, waiting);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // Already someone else's: committing would fail, and their requests are redone there.
                forget(partitions, offsets, waiting);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                joined = true;
                if (paused) {
                    consumer.pause(partitions);
                }
            }
        });
        long nextCommit = System.nanoTime() + COMMIT_EVERY_NANOS;
        long nextStuckCheck = System.nanoTime() + STUCK_CHECK_EVERY_NANOS;
        while (!stopping) {
            startWaiting(waiting);
            boolean full = !waiting.isEmpty();
            if (full) {
                consumer.pause(consumer.assignment());
            } else if (paused) {
                consumer.resume(consumer.paused());
            }
            paused = full;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(full ? POLL_WHILE_FULL : POLL)) {
                var partition = new TopicPartition(record.topic(), record.partition());
                var entry = offsets.fetched(partition, record.offset());
                CheckRequested request = read(record);
                if (request == null) {
                    entry.done();
                } else if (!request.isFor(config.region())) {
                    LOG.debugf("check %s of monitor %s is for %s, not %s: skipped", request.checkId(),
                            request.monitorId(), request.regions(), config.region());
                    metrics.skippedForOtherRegion();
                    entry.done();
                } else {
                    waiting.add(new Waiting(partition, entry, request));
                }
            }
            if (System.nanoTime() - nextCommit >= 0) {
                offsets.commitAsync(consumer);
                nextCommit = System.nanoTime() + COMMIT_EVERY_NANOS;
            }
            if (System.nanoTime() - nextStuckCheck >= 0) {
                offsets.warnStuck();
                nextStuckCheck = System.nanoTime() + STUCK_CHECK_EVERY_NANOS;
            }
        }
        drain(consumer, offsets, waiting);
    }

    /** Starts waiting requests while slots are free. */
    private void startWaiting(ArrayDeque<Waiting> waiting) {
        while (!waiting.isEmpty() && inFlight.get() < config.maxInFlight()) {
            start(waiting.poll());
        }
    }

    private void start(Waiting next) {
        inFlight.incrementAndGet();
        metrics.started();
        try {
            checker.check(next.request(), result -> {
                try {
                    metrics.finished(result);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "counting the result of check %s failed", result.checkId());
                }
                publisher.publish(result, new ResultPublisher.Outcome() {
                    @Override
                    public void done() {
                        next.entry().done();
                        inFlight.decrementAndGet();
                    }

                    @Override
                    public void givenUp() {
                        inFlight.decrementAndGet(); // the request stays uncommitted, for another checker
                    }
                });
            });
        } catch (RuntimeException e) {
            // A check never fails (every failure is a DOWN result); this is a bug. Free the slot, and leave the
            // request uncommitted: the partition's commits stop there, and warnStuck() says so.
            LOG.errorf(e, "check %s failed without a result", next.request().checkId());
            inFlight.decrementAndGet();
        }
    }

    /** A request that cannot be read is logged and skipped; null means skipped. */
    private static CheckRequested read(ConsumerRecord<String, byte[]> record) {
        try {
            CheckRequested request = record.value() == null ? null
                    : EventJson.read(record.value(), CheckRequested.class);
            if (request != null) {
                return request;
            }
        } catch (RuntimeException e) {
            LOG.warnf("skipping a malformed check request at %s-%d offset %d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
        LOG.warnf("skipping an empty check request at %s-%d offset %d", record.topic(), record.partition(),
                record.offset());
        return null;
    }

    /** Shutdown: nothing new starts; running checks get the grace period; then what is done is committed. */
    private void drain(KafkaConsumer<String, byte[]> consumer, OffsetCommits offsets,
                       ArrayDeque<Waiting> waiting) {
        waiting.clear(); // never started: left uncommitted for another checker
        paused = true; // partitions assigned meanwhile are paused too (onPartitionsAssigned)
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            consumer.poll(Duration.ofMillis(50)); // paused: keeps the group membership and nothing else
        }
        int left = inFlight.get();
        publisher.giveUp();
        offsets.commitSync(consumer, consumer.assignment());
        LOG.infof("stopping: %d checks abandoned to another checker", left);
    }

    private static void forget(Collection<TopicPartition> partitions, OffsetCommits offsets,
                               ArrayDeque<Waiting> waiting) {
        offsets.forget(partitions);
        waiting.removeIf(w -> partitions.contains(w.partition()));
    }
}
