package dev.pharos.notifier.channel;

import dev.pharos.contracts.Contact;
import java.time.Instant;

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

    /**
     * Whether the provider already accepted this notification in an attempt that began at {@code since} or later.
     * Asked before a delivery is sent again whose earlier attempt has no recorded outcome: the notifier stopped (a
     * crash, {@code kill -9}) after calling the provider and before recording its answer. A channel whose provider
     * can be asked answers from it; the others answer false and the notification is sent again, so it is never lost
     * (email keeps its Message-ID, so a receiver can tell the copy).
     *
     * @throws Exception when the provider could not be asked; the delivery is retried later, unsent
     */
    default boolean accepted(Notification notification, Contact contact, Instant since) throws Exception {
        return false;
    }
}
