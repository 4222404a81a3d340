package dev.pharos.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.Topics;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class DevstackTest {

    @Test
    void startsARealBrokerAndDatabaseAndLeavesNothingBehind() throws Exception {
        Devstack devstack = Devstack.startTemporary();
        long kafkaPid = devstack.kafka().pid();
        long postgresPid = devstack.postgres().pid();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                devstack.kafkaBootstrapServers()))) {
            var topics = admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(Topics.ALL.size(), topics.size());
            topics.values().forEach(t -> assertEquals(Devstack.partitions(), t.partitions().size(), t.name()));
            var monitors = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MONITORS);
            var config = admin.describeConfigs(java.util.List.of(monitors)).all().get(30, TimeUnit.SECONDS);
            assertEquals("compact", config.get(monitors).get("cleanup.policy").value());
        }
        try (var connection = DriverManager.getConnection(devstack.jdbcUrl(), devstack.dbUser(),
                devstack.dbPassword());
             var rs = connection.createStatement().executeQuery("SHOW server_version")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
        }

        devstack.close();

        assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false), "Kafka still runs");
        assertFalse(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false), "PostgreSQL still runs");
        assertFalse(Files.exists(devstack.home()), "temporary folder left behind: " + devstack.home());
    }
}
