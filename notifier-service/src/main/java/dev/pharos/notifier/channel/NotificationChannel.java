package dev.pharos.notifier.channel;

/**
 * One way of telling an owner, such as email. Implementations are CDI beans found by {@link ChannelRegistry}, so
 * adding a channel touches no switch statement.
 */
public interface NotificationChannel {

    /** The channel name used in contacts, for example {@code email}. */
    String kind();

    /** @throws IllegalArgumentException when the target is not a valid address for this channel */
    void validate(String target);

    /**
     * Sends the notification; returning normally means the provider accepted it.
     *
     * @throws Exception when the provider refused or could not be reached; the delivery is retried
     */
    void send(Notification notification, String target) throws Exception;
}
