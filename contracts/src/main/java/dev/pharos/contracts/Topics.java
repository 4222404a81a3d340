package dev.pharos.contracts;

import java.util.List;

/** Kafka topic names. Channel names in the services equal these names. */
public final class Topics {

    /** Compacted; the current {@link MonitorSpec} per monitor, tombstone on delete. Key: monitor id. */
    public static final String MONITORS = "pharos.monitors";
    /** {@link CheckRequested}, scheduled and confirmation checks. Key: monitor id. */
    public static final String CHECKS_REQUESTED = "pharos.checks.requested";
    /** {@link CheckCompleted}, one per executed check. Key: monitor id. */
    public static final String CHECKS_COMPLETED = "pharos.checks.completed";
    /** {@link IncidentEvent}: opened and resolved. Key: monitor id. */
    public static final String INCIDENTS = "pharos.incidents";
    /** {@link NotificationAttempt}, one per delivery attempt. Key: monitor id. */
    public static final String NOTIFICATIONS = "pharos.notifications";
    /** {@link DeliveryDeadLettered}: deliveries that exhausted their retries. Key: monitor id. */
    public static final String NOTIFICATIONS_DLQ = "pharos.notifications.dlq";

    /** {@link ChannelTestRequested}: an owner asked for a test message on a channel. Key: channel id. */
    public static final String CHANNEL_TESTS = "pharos.channels.tests";

    /** Every topic Pharos uses, in the order of the design's topic table. */
    public static final List<String> ALL = List.of(
            MONITORS, CHECKS_REQUESTED, CHECKS_COMPLETED, INCIDENTS, NOTIFICATIONS, NOTIFICATIONS_DLQ, CHANNEL_TESTS);

    /** Topics whose cleanup policy is {@code compact} rather than {@code delete}. */
    public static final List<String> COMPACTED = List.of(MONITORS);

    private Topics() {
    }
}
