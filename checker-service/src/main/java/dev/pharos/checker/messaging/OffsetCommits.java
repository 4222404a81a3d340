package dev.pharos.checker.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The fetched requests of every partition the checker holds ({@link PartitionOffsets} each), and their commits: now
 * and then without waiting, and waiting for the broker before a partition changes hands or the checker stops. Used on
 * the consumer's thread only.
 */
final class OffsetCommits {

    private static final Logger LOG = Logger.getLogger(OffsetCommits.class);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    /** A request just fetched, at {@code offset} of {@code partition}. */
    PartitionOffsets.Entry fetched(TopicPartition partition, long offset) {
        return partitions.computeIfAbsent(partition, p -> new PartitionOffsets()).add(offset);
    }

    /** Partitions no longer ours: their requests are someone else's now. */
    void forget(Collection<TopicPartition> gone) {
        partitions.keySet().removeAll(gone);
    }

    /** Commits what is done since the last commit, without waiting; a failed commit is tried again the next time. */
    void commitAsync(Consumer<?, ?> consumer) {
        var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
        partitions.forEach((partition, tracked) -> tracked.toCommit()
                .ifPresent(offset -> commits.put(partition, new OffsetAndMetadata(offset))));
        if (commits.isEmpty()) {
            return;
        }
        consumer.commitAsync(commits, (committed, error) -> {
            // Called on the consumer's thread, within a later poll.
            if (error != null) {
                LOG.warnf("committing offsets failed; trying again: %s", error.toString());
                commits.keySet().forEach(partition -> {
                    PartitionOffsets tracked = partitions.get(partition);
                    if (tracked != null) {
                        tracked.commitFailed();
                    }
                });
            }
        });
    }

    /** Commits what is done on {@code some} partitions, waiting for the broker (at most 5 s). */
    void commitSync(Consumer<?, ?> consumer, Collection<TopicPartition> some) {
        var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (TopicPartition partition : some) {
            PartitionOffsets tracked = partitions.get(partition);
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
            LOG.warnf("committing offsets of %s failed; their requests may be checked again: %s", some, e.toString());
        }
    }

    /**
     * Logs each partition whose oldest request is not done long after it was fetched. Such a request holds back its
     * partition's commits: after a restart every later request of the partition is checked again. Legitimately it is
     * a check queued behind a busy host, or a result waiting out a broker outage; otherwise it is a bug, and the log
     * says which partition and offset.
     */
    void warnStuck() {
        long now = System.nanoTime();
        partitions.forEach((partition, tracked) -> {
            PartitionOffsets.Entry oldest = tracked.oldest();
            if (oldest != null && now - oldest.fetchedNanos() > STUCK_AFTER.toNanos()) {
                LOG.warnf("%s: the request at offset %d is not done %d minutes after it was fetched; %d requests of the"
                        + " partition wait for their offsets to be committed", partition, oldest.offset(),
                        TimeUnit.NANOSECONDS.toMinutes(now - oldest.fetchedNanos()), tracked.pending());
            }
        });
    }
}
