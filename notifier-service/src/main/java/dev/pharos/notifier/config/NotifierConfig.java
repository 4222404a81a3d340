package dev.pharos.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "pharos.notifier")
public interface NotifierConfig {

    /** How often pending deliveries are looked for, as a Quarkus scheduler period. */
    @WithDefault("1s")
    String deliverEvery();

    /** Deliveries sent per worker run at most, each in its own transaction. */
    @WithDefault("50")
    int deliveryBatchSize();

    /** Attempts per delivery before it is given up. */
    @WithDefault("10")
    int maxAttempts();

    /** Wait before the first retry; doubled per attempt, with jitter. */
    @WithDefault("5s")
    Duration retryInitialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("10m")
    Duration retryMaxBackoff();
}
