package dev.pharos.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchSettingsTest {

    private static final Path CWD = Path.of("/work/pharos");

    @Test
    void defaultsToAnEmbeddedStackInDotPharos() {
        var s = LaunchSettings.parse(new String[] {"up"}, Map.of(), CWD);
        assertEquals(LaunchSettings.Command.UP, s.command());
        assertEquals(CWD.resolve(".pharos"), s.home());
        assertEquals(8080, s.apiPort());
        assertTrue(s.external().isEmpty());
        assertTrue(s.smtpHost().isEmpty());
    }

    @Test
    void optionsAndEnvironmentOverrideTheDefaults() {
        var s = LaunchSettings.parse(new String[] {"up", "--home", "/srv/pharos", "--port", "9090"},
                Map.of("PHAROS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "PHAROS_DB_URL", "jdbc:postgresql://db:5432/pharos", "PHAROS_DB_PASSWORD", "s3cret",
                        "PHAROS_SMTP_HOST", "smtp.example.com", "PHAROS_SMTP_PORT", "587"), CWD);
        assertEquals(Path.of("/srv/pharos"), s.home());
        assertEquals(9090, s.apiPort());
        assertEquals("kafka:9092", s.external().orElseThrow().kafkaBootstrapServers());
        assertEquals("jdbc:postgresql://db:5432/pharos", s.external().orElseThrow().jdbcUrl());
        assertEquals("smtp.example.com", s.smtpHost().orElseThrow());
        assertEquals(587, s.smtpPort());
    }

    @Test
    void externalKafkaAndDatabaseGoTogether() {
        var e = assertThrows(IllegalArgumentException.class, () -> LaunchSettings.parse(new String[] {"up"},
                Map.of("PHAROS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), CWD));
        assertTrue(e.getMessage().contains("PHAROS_DB_URL"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchSettings.parse(new String[] {"up"},
                Map.of("PHAROS_KAFKA_BOOTSTRAP_SERVERS", "k:9092", "PHAROS_DB_URL", "postgres://db/pharos"), CWD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"down", "up --port", "up --port 0", "up --port http", "up --colour red"})
    void rejectsWhatItDoesNotUnderstand(String args) {
        assertThrows(IllegalArgumentException.class, () -> LaunchSettings.parse(args.split(" "), Map.of(), CWD));
    }
}
