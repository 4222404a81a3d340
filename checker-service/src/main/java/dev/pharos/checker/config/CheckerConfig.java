package dev.pharos.checker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "pharos.checker")
public interface CheckerConfig {

    /** The region this checker runs in; results carry it. Checkers of one region share a consumer group. */
    @WithDefault("default")
    String region();

    /** This instance's name in results; defaults to the host name and process id. */
    Optional<String> id();

    /**
     * Checks running at once in this process, counting each until the broker has its result; more requests wait in
     * Kafka (the consumer pauses), bar the few already fetched (at most 500).
     */
    @WithDefault("2000")
    int maxInFlight();

    /** Checks of one host running at once in this process; more wait their turn. */
    @WithDefault("4")
    int perHostConcurrency();

    /**
     * Allow checks of loopback, private, link-local and other internal addresses. Off in production: a monitor must
     * not become a way into the network the checker runs in. The devstack turns it on for local targets.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Address ranges (CIDR) allowed even when private targets are not, for example an intranet's range. */
    Optional<List<String>> allowedTargets();

    /** The User-Agent header sent with every check: {@code Pharos/<version>}. */
    @WithDefault("Pharos/${quarkus.application.version:dev}")
    String userAgent();

    /**
     * An extra trust store (PKCS12, or JKS when the name ends in {@code .jks}) whose certificates are trusted besides
     * the JDK's public CAs: for sites with certificates from a private CA.
     */
    Optional<String> trustStore();

    /** The extra trust store's password, if it has one. */
    Optional<String> trustStorePassword();

    /**
     * On shutdown, how long running checks may take to finish and publish; the rest are left to another checker
     * (their requests are not committed). Committing and leaving the consumer group, then closing the producer, may
     * take up to 20 s more: keep the platform's kill deadline above both (the Kubernetes manifests allow 45 s).
     */
    @WithDefault("15s")
    Duration shutdownGrace();
}
