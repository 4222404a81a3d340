package dev.pharos.devstack;

import dev.pharos.contracts.json.EventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes Pharos topics from tests and tools, over the real broker. */
public final class TopicProbe {

    private final String bootstrapServers;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Reads the topic from its beginning until {@code count} records match, or fails when the deadline passes.
     *
     * @return the matching records in the order read
     */
    public <T> List<ConsumerRecord<String, T>> await(String topic, Deserializer<T> valueDeserializer,
                                                      Predicate<ConsumerRecord<String, T>> match, int count,
                                                      Duration timeout) {
        var found = new ArrayList<ConsumerRecord<String, T>>();
        try (var consumer = fromTheBeginning(valueDeserializer)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                        if (found.size() == count) {
                            return found;
                        }
                    }
                }
            }
        }
        throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                + ", found " + found.size());
    }

    /** Like {@link #await} for one record; returns it. */
    public <T> ConsumerRecord<String, T> awaitOne(String topic, Deserializer<T> valueDeserializer,
                                                  Predicate<ConsumerRecord<String, T>> match, Duration timeout) {
        return await(topic, valueDeserializer, match, 1, timeout).get(0);
    }

    /**
     * Reads the topic from its beginning until every expected key has been seen at least once, or fails when the
     * deadline passes.
     *
     * @param keyOf the key to count a record under (for example its check id); null values are skipped
     * @return how many times each key was seen
     */
    public <T, K> Map<K, Integer> awaitAll(String topic, Deserializer<T> valueDeserializer,
                                           java.util.function.Function<T, K> keyOf, java.util.Set<K> expected,
                                           Duration timeout) {
        var seen = new java.util.HashMap<K, Integer>();
        try (var consumer = fromTheBeginning(valueDeserializer)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            long missing = expected.size();
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    K key = record.value() == null ? null : keyOf.apply(record.value());
                    if (key != null && expected.contains(key) && seen.merge(key, 1, Integer::sum) == 1) {
                        missing--;
                    }
                }
                if (missing == 0) {
                    return seen;
                }
            }
        }
        throw new AssertionError("expected " + expected.size() + " distinct keys on " + topic + " within " + timeout
                + ", saw " + seen.size());
    }

    /** Publishes many events with one producer and waits until the broker acknowledged them all. */
    public void sendAll(String topic, Map<String, ?> eventsByKey) {
        var serializer = new EventSerializer();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            var acks = new ArrayList<java.util.concurrent.Future<?>>();
            eventsByKey.forEach((key, event) ->
                    acks.add(producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, event)))));
            for (var ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A consumer of its own group that reads from the topic's beginning and commits nothing. */
    private <T> KafkaConsumer<String, T> fromTheBeginning(Deserializer<T> valueDeserializer) {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), valueDeserializer);
    }

    /** Publishes an event (null for a tombstone) and waits for the broker's acknowledgement. */
    public void send(String topic, String key, Object event) {
        sendRaw(topic, key, new EventSerializer().serialize(topic, event));
    }

    /** Publishes raw bytes, for example a malformed record. */
    public void sendRaw(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
