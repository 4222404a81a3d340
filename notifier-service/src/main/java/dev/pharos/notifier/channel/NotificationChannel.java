package dev.pharos.notifier.channel;

import dev.pharos.contracts.Contact;

/**
 * One way of telling an owner, such as email or a webhook. Implementations are CDI beans found by
 * {@link ChannelRegistry}, so adding a channel touches no switch statement.
 */
public interface NotificationChannel {

    /** The channel name used in contacts, for example {@code email}. */
    String kind();

    /**
     * Checks the contact's target and settings, and the operator's credentials this channel needs. Messages never
     * repeat a secret.
     *
     * @throws IllegalArgumentException saying what is wrong, when this channel cannot deliver to the contact
     */
    void validate(Contact contact);

    /**
     * Sends the notification; returning normally means the provider accepted it.
     *
     * @throws Exception when the provider refused or could not be reached; the delivery is retried. The message is
     *                   stored with the delivery, so it never contains a secret.
     */
    void send(Notification notification, Contact contact) throws Exception;
}
