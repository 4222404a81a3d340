package dev.pharos.checker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "pharos.checker")
public interface CheckerConfig {

    /** The region this checker runs in; results carry it. Checkers of one region share a consumer group. */
    @WithDefault("default")
    String region();

    /** This instance's name in results; defaults to the host name and process id. */
    Optional<String> id();

    /** Checks running at once in this process; more requests wait in Kafka (the consumer pauses). */
    @WithDefault("2000")
    int maxInFlight();

    /** Redirects followed at most per check. */
    @WithDefault("5")
    int maxRedirects();

    /** The User-Agent header sent with every check. */
    @WithDefault("Pharos/0.1")
    String userAgent();
}
