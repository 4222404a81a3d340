package dev.pharos.devstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka ({@code apache/kafka}) and PostgreSQL 17 from Testcontainers, for machines with a Docker engine. Chosen with
 * {@code PHAROS_TEST_INFRA=containers}, or {@code auto} when Docker is reachable; see {@link SharedDevstack}.
 */
final class ContainerInfrastructure implements Infrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Whether a Docker engine answers; false, without an exception, where there is none. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        var kafka = new KafkaContainer(KAFKA_IMAGE);
        var postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(PostgresServer.DATABASE)
                .withUsername(PostgresServer.USER)
                .withPassword(PostgresServer.PASSWORD);
        try {
            kafka.start();
            TopicSetup.ensureTopics(kafka.getBootstrapServers(), Devstack.partitions(), (short) 1);
            postgres.start();
            return new ContainerInfrastructure(kafka, postgres);
        } catch (RuntimeException e) {
            kafka.stop();
            postgres.stop();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String dbUser() {
        return postgres.getUsername();
    }

    @Override
    public String dbPassword() {
        return postgres.getPassword();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
