package dev.pharos.contracts.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The one JSON mapping of Pharos events: ISO-8601 instants; unknown fields ignored, so an older reader accepts a
 * newer writer's events; absent fields read as null (or 0), so a newer reader accepts an older writer's events. The
 * records' constructors reject events that lack what every reader relies on.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("pharos-instants").addDeserializer(Instant.class,
                    new IsoInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EventJson() {
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads one event.
     *
     * @throws MalformedEventException when the bytes are not a valid event of that type
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MalformedEventException(type, e);
        }
    }

    public static String writeString(Object event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    public static <T> T readString(String json, Class<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Thrown for bytes that are not a valid event; the message names the expected type and the problem. */
    public static final class MalformedEventException extends UncheckedIOException {
        public MalformedEventException(Class<?> type, IOException cause) {
            super("not a valid " + type.getSimpleName() + ": " + originalMessage(cause), cause);
        }

        private static String originalMessage(IOException cause) {
            return cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
        }
    }
}
