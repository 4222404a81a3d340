package dev.pharos.checker.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The check consumer on {@code /q/health}: live while its thread consumes (a consumer that stopped for good takes no
 * more checks, and a restart is the cure), ready once it has joined its group. Whether the broker answers is the
 * Kafka client's own readiness check ({@code quarkus.kafka.health.enabled}).
 */
public final class ConsumerHealth {

    private ConsumerHealth() {
    }

    @Liveness
    @ApplicationScoped
    public static class Alive implements HealthCheck {

        private final CheckConsumer consumer;

        public Alive(CheckConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public HealthCheckResponse call() {
            Throwable failure = consumer.failure();
            return HealthCheckResponse.named("check consumer").status(failure == null)
                    .withData("error", failure == null ? "none" : failure.toString()).build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Joined implements HealthCheck {

        private final CheckConsumer consumer;

        public Joined(CheckConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("check consumer").status(consumer.joined() && consumer.failure() == null)
                    .withData("paused", consumer.paused()).build();
        }
    }
}
