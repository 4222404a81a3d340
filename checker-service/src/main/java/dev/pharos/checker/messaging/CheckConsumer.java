package dev.pharos.checker.messaging;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.contracts.CheckCompleted;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
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
 * broker from a thread of their own (serializing and sending never holds up an event loop), and a request counts as
 * done only when the broker has acknowledged its result. Offsets are committed up to the oldest request not yet done
 * ({@link PartitionOffsets}): a checker that crashes leaves every unfinished request uncommitted, and another checker
 * of the region checks it again (at-least-once). A result the broker refuses is sent again until it is taken.
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
    private static final Duration RETRY_PUBLISH_AFTER = Duration.ofSeconds(1);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);
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
    private volatile boolean abandoned;
    private volatile boolean paused;
    private volatile boolean joined;
    private volatile Throwable failure;
    private Thread loop;
    private ScheduledExecutorService publisher;
    private Producer<String, Object> producer;

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
        start(kafkaConfig, new KafkaProducer<>(producerConfig(kafkaConfig), new StringSerializer(),
                new EventSerializer()));
    }

    /** As {@link #start(Map)}, publishing results through {@code resultProducer} (tests hold results back with it). */
    synchronized void start(Map<String, Object> kafkaConfig, Producer<String, Object> resultProducer) {
        if (loop != null) {
            resultProducer.close();
            return;
        }
        producer = resultProducer;
        publisher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "checker-publisher");
            thread.setDaemon(true);
            return thread;
        });
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
        abandoned = true;
        publisher.shutdown();
        publisher.awaitTermination(5, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(5));
    }

    /** Whether the consumer is paused because every slot is busy. */
    public boolean paused() {
        return paused;
    }

    /** Whether the consumer has joined its group (its partitions, possibly none, are assigned). */
    boolean joined() {
        return joined;
    }

    /** Why consuming stopped for good, if it did (liveness reports it). */
    Throwable failure() {
        return failure;
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

    private Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        var settings = new HashMap<String, Object>();
        // Results wait up to 50 ms to travel in bigger batches: fewer produce requests, whose handling (not the
        // records in them) is most of the broker's work for a checker.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        settings.putAll(kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "checker-results-" + checker.checkerId());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    private void consume(Map<String, Object> consumerConfig) {
        var offsets = new HashMap<TopicPartition, PartitionOffsets>();
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

    private void consume(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, PartitionOffsets> offsets,
                         ArrayDeque<Waiting> waiting) {
        consumer.subscribe(List.of(Topics.CHECKS_REQUESTED), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit(consumer, offsets, partitions);
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
                var entry = offsets.computeIfAbsent(partition, p -> new PartitionOffsets()).add(record.offset());
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
                commitAsync(consumer, offsets);
                nextCommit = System.nanoTime() + COMMIT_EVERY_NANOS;
            }
            if (System.nanoTime() - nextStuckCheck >= 0) {
                warnStuck(offsets);
                nextStuckCheck = System.nanoTime() + STUCK_CHECK_EVERY_NANOS;
            }
        }
        drain(consumer, offsets, waiting);
    }

    /**
     * A request that is not done long after it was fetched holds back its partition's commits: after a restart every
     * later request of the partition is checked again. Legitimately it is a check queued behind a busy host, or a result
     * waiting out a broker outage; otherwise it is a bug, and the log says which partition and offset.
     */
    private static void warnStuck(Map<TopicPartition, PartitionOffsets> offsets) {
        long now = System.nanoTime();
        offsets.forEach((partition, tracked) -> {
            PartitionOffsets.Entry oldest = tracked.oldest();
            if (oldest != null && now - oldest.fetchedNanos() > STUCK_AFTER.toNanos()) {
                LOG.warnf("%s: the request at offset %d is not done %d minutes after it was fetched; %d requests of the"
                        + " partition wait for their offsets to be committed", partition, oldest.offset(),
                        TimeUnit.NANOSECONDS.toMinutes(now - oldest.fetchedNanos()), tracked.pending());
            }
        });
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
                try {
                    publisher.execute(() -> publish(next.entry(), result));
                } catch (RejectedExecutionException stopped) { // finished after the shutdown gave up on it
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            // A check never fails (every failure is a DOWN result); this is a bug. Free the slot, and leave the
            // request uncommitted: the partition's commits stop there, and warnStuck() says so.
            LOG.errorf(e, "check %s failed without a result", next.request().checkId());
            inFlight.decrementAndGet();
        }
    }

    private void publish(PartitionOffsets.Entry entry, CheckCompleted result) {
        if (abandoned) {
            inFlight.decrementAndGet();
            return;
        }
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKS_COMPLETED, result.monitorId().toString(), result),
                    (metadata, error) -> {
                        if (error == null) {
                            entry.done();
                            inFlight.decrementAndGet();
                        } else {
                            notPublished(entry, result, error);
                        }
                    });
        } catch (RuntimeException e) {
            notPublished(entry, result, e);
        }
    }

    /**
     * The broker did not take a result. An outage longer than the producer's own retries is waited out: the result is
     * sent again a second later, holding its slot. A result that can never be sent (it cannot be serialized, or is
     * larger than the broker takes) is logged and its request let go. Anything else (the producer refused to work,
     * say for lack of authorization) makes liveness fail, so the process is restarted, and is tried again meanwhile.
     */
    private void notPublished(PartitionOffsets.Entry entry, CheckCompleted result, Exception error) {
        if (abandoned) {
            inFlight.decrementAndGet();
            return;
        }
        if (error instanceof RecordTooLargeException || error instanceof SerializationException
                || error instanceof IllegalArgumentException) {
            LOG.errorf(error, "the result of check %s of monitor %s cannot be published; its request is skipped",
                    result.checkId(), result.monitorId());
            entry.done();
            inFlight.decrementAndGet();
            return;
        }
        if (error instanceof RetriableException) {
            LOG.warnf("publishing the result of check %s failed (%s); trying again", result.checkId(), error);
        } else {
            failure = error;
            LOG.errorf(error, "publishing the result of check %s failed; trying again", result.checkId());
        }
        try {
            publisher.schedule(() -> publish(entry, result), RETRY_PUBLISH_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) { // the publisher has been shut down
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
    private void drain(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, PartitionOffsets> offsets,
                       ArrayDeque<Waiting> waiting) {
        waiting.clear(); // never started: left uncommitted for another checker
        paused = true; // partitions assigned meanwhile are paused too (onPartitionsAssigned)
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            consumer.poll(Duration.ofMillis(50)); // paused: keeps the group membership and nothing else
        }
        int left = inFlight.get();
        abandoned = true;
        commit(consumer, offsets, consumer.assignment());
        LOG.infof("stopping: %d checks abandoned to another checker", left);
    }

    private void commitAsync(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, PartitionOffsets> offsets) {
        var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
        offsets.forEach((partition, tracked) -> tracked.toCommit()
                .ifPresent(offset -> commits.put(partition, new OffsetAndMetadata(offset))));
        if (!commits.isEmpty()) {
            consumer.commitAsync(commits, (committed, error) -> {
                // Called on this thread, within a later poll.
                if (error != null) {
                    LOG.warnf("committing offsets failed; trying again: %s", error.toString());
                    commits.keySet().forEach(partition -> {
                        PartitionOffsets tracked = offsets.get(partition);
                        if (tracked != null) {
                            tracked.commitFailed();
                        }
                    });
                }
            });
        }
    }

    /** Commits what is done on {@code partitions}, waiting for the broker (before they change hands, or at the end). */
    private void commit(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, PartitionOffsets> offsets,
                        Collection<TopicPartition> partitions) {
        var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (TopicPartition partition : partitions) {
            PartitionOffsets tracked = offsets.get(partition);
            if (tracked != null) {
                tracked.committable().ifPresent(offset -> commits.put(partition, new OffsetAndMetadata(offset)));
            }
        }
        if (commits.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits, Duration.ofSeconds(5));
        } catch (KafkaException e) {
            LOG.warnf("committing offsets of %s failed; their requests may be checked again: %s", partitions,
                    e.toString());
        }
    }

    private static void forget(Collection<TopicPartition> partitions, Map<TopicPartition, PartitionOffsets> offsets,
                               ArrayDeque<Waiting> waiting) {
        offsets.keySet().removeAll(partitions);
        waiting.removeIf(w -> partitions.contains(w.partition()));
    }
}
