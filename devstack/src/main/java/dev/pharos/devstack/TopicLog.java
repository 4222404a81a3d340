package dev.pharos.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of a topic from its beginning, read as far as the broker has them. Unlike {@link TopicProbe}, which
 * waits for records it can name in advance, this reads to the end, so a test sees also the records it did not expect
 * (a slot published twice, or off the grid).
 */
public final class TopicLog<T> implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, T> consumer;
    private final List<T> read = new ArrayList<>();

    public TopicLog(String bootstrapServers, String topic, Deserializer<T> deserializer) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the end offsets as of this call; returns every record read so far, in partition order. */
    public List<T> catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        Instant deadline = Instant.now().plusSeconds(30);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("could not read " + topic + " to its end within 30 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.value() != null) {
                    read.add(r.value());
                }
            });
        }
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
