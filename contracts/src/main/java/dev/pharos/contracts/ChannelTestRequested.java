package dev.pharos.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An owner asked for a test message on one of its channels, on {@link Topics#CHANNEL_TESTS}. The notifier sends it
 * and reports the attempt on {@link Topics#NOTIFICATIONS} with transition {@code TEST} and incident id
 * {@code testId}.
 *
 * @param v           schema version, {@link #VERSION}
 * @param testId      this request, so its outcome can be found
 * @param channelName the channel's name, shown in the message
 * @param contact     where to send it, with the channel's id and settings
 * @param requestedAt when it was asked for
 */
public record ChannelTestRequested(int v, UUID testId, String channelName, Contact contact, Instant requestedAt) {

    public static final int VERSION = 1;

    public ChannelTestRequested {
        Objects.requireNonNull(testId, "testId is required");
        Objects.requireNonNull(contact, "contact is required");
        Objects.requireNonNull(contact.channelId(), "contact.channelId is required");
        Objects.requireNonNull(requestedAt, "requestedAt is required");
        channelName = channelName == null ? "" : channelName;
    }
}
