package dev.pharos.e2e;

import dev.pharos.contracts.Topics;
import dev.pharos.devstack.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the notifier has stored, read from outside as an operator would: its delivery rows in PostgreSQL, and the
 * offsets its result consumer group has committed in Kafka.
 */
final class NotifierTables {

    /** The notifier's consumer group of {@code pharos.checks.completed}. */
    static final String RESULTS_GROUP = "pharos-notifier-results";

    private final Infrastructure infra;

    NotifierTables(Infrastructure infra) {
        this.infra = infra;
    }

    /** The monitor's deliveries as {@code "<transition> <status> <attempts>"}, oldest first. */
    List<String> deliveries(UUID monitorId) {
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
             var query = db.prepareStatement("""
                     SELECT d.transition, d.status, d.attempts FROM notifier.delivery d
                     JOIN notifier.incident i ON i.id = d.incident_id
                     WHERE i.monitor_id = ? ORDER BY d.created_at, d.transition""")) {
            query.setObject(1, monitorId);
            var rows = new ArrayList<String>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getInt(3));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the notifier's deliveries", e);
        }
    }

    /** The next offset the notifier will consume on that partition of the results topic; -1 when none committed. */
    long committedOffset(int partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(RESULTS_GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(new TopicPartition(Topics.CHECKS_COMPLETED, partition));
            return committed == null ? -1 : committed.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + RESULTS_GROUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
