package dev.pharos.bench;

import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.EventSerializer;
import dev.pharos.contracts.CheckRequested;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes check requests as fast as the broker takes them, keyed by monitor id as the scheduler does. */
final class Publisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    Publisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024), new StringSerializer(), new ByteArraySerializer());
    }

    /** Serialized ahead of time, so that serializing is not part of the measurement. */
    static List<ProducerRecord<String, byte[]>> records(List<CheckRequested> requests) {
        var serializer = new EventSerializer();
        return requests.stream()
                .map(request -> new ProducerRecord<>(Topics.CHECKS_REQUESTED, request.monitorId().toString(),
                        serializer.serialize(Topics.CHECKS_REQUESTED, request)))
                .toList();
    }

    /** Sends every record and returns once the broker has acknowledged them all. */
    void publish(List<ProducerRecord<String, byte[]>> records) {
        var failure = new AtomicReference<Exception>();
        for (var record : records) {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("cannot publish check requests: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
