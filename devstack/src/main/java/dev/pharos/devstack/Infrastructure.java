package dev.pharos.devstack;

import java.util.Map;

/** Where the services find Kafka and PostgreSQL: the embedded {@link Devstack}, or servers run elsewhere. */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    String jdbcUrl();

    String dbUser();

    String dbPassword();

    /** The same settings as Quarkus configuration properties, for {@code @QuarkusTest}. */
    default Map<String, String> quarkusConfig() {
        return Map.of(
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", dbUser(),
                "quarkus.datasource.password", dbPassword());
    }

    /** The same settings as environment variables, for service processes. */
    default Map<String, String> serviceEnvironment() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", dbUser(),
                "QUARKUS_DATASOURCE_PASSWORD", dbPassword());
    }

    @Override
    void close();

    /** Kafka and PostgreSQL that run elsewhere; Pharos neither starts nor stops them. */
    record External(String kafkaBootstrapServers, String jdbcUrl, String dbUser, String dbPassword)
            implements Infrastructure {

        @Override
        public void close() {
            // not ours to stop
        }
    }
}
