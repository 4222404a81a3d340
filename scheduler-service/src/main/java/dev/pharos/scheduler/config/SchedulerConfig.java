package dev.pharos.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "pharos.scheduler")
public interface SchedulerConfig {

    /**
     * The pause between two rounds of looking for due monitors (e.g. {@code 100ms}): a slot is published at most
     * about this long after it is due, plus the time to publish the slots due before it.
     */
    @WithDefault("100ms")
    Duration tick();

    /** How often specs that failed to publish are retried. */
    @WithDefault("5s")
    String specSyncEvery();

    /** How many due monitors one scheduler claims and publishes per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long to wait for the broker to acknowledge a batch before giving the slots back. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** Default seconds between checks for a monitor that does not say. */
    @WithDefault("300")
    int defaultIntervalSeconds();

    /**
     * The API key of the first admin, used once: on the first start, when no owner exists yet. At least 24
     * characters; keep it secret (an environment variable or a Kubernetes Secret).
     */
    Optional<String> bootstrapAdminKey();

    /** How long raw results are kept; hourly rollups keep uptime and response times beyond that. */
    @WithDefault("30d")
    Duration resultRetention();

    /** How long per-minute rollups are kept (hourly ones: 400 days). */
    @WithDefault("7d")
    Duration minuteRollupRetention();

    /** How often old results and rollups are deleted, as a Quarkus scheduler period. */
    @WithDefault("1h")
    String retentionEvery();

    /** Default time limit of one check in seconds. */
    @WithDefault("10")
    int defaultTimeoutSeconds();
}
