package dev.pharos.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three Pharos services as separate processes on one machine, wired to the given Kafka, PostgreSQL and SMTP
 * server. {@code ./pharos up} and the end-to-end tests both start Pharos through this class.
 */
public final class PharosStack implements AutoCloseable {

    /** The services, in start order. */
    public static final List<String> SERVICES = List.of("scheduler-service", "checker-service", "notifier-service");

    /**
     * How to start the services.
     *
     * @param projectRoot the repository root; service builds are under {@code <module>/target/quarkus-app}
     * @param home        logs go to {@code <home>/logs}
     * @param apiPort     the scheduler's (admin API's) port
     * @param smtpHost    where the notifier sends email
     * @param smtpPort    the SMTP port
     * @param adminKey    the first admin's API key, given to the scheduler on its first start
     * @param extraEnv    per service name, more environment variables (for example shorter timers in tests)
     */
    public record Options(Path projectRoot, Path home, int apiPort, String smtpHost, int smtpPort,
                          String adminKey, Map<String, Map<String, String>> extraEnv) {
    }

    private final List<ServiceProcess> services;
    private final Watchdog watchdog;
    private final Infrastructure infra;
    private final Options options;
    /** The service (module) of each process started under another name: extra replicas. */
    private final Map<String, String> replicaOf = new HashMap<>();
    /** The extra environment each process was last started with. */
    private final Map<String, Map<String, String>> extraEnvOf = new HashMap<>();

    private PharosStack(List<ServiceProcess> services, Watchdog watchdog, Infrastructure infra, Options options) {
        this.services = services;
        this.watchdog = watchdog;
        this.infra = infra;
        this.options = options;
    }

    /** Starts every service and waits until each reports ready. */
    public static PharosStack start(Infrastructure infra, Options options) {
        Watchdog watchdog = Watchdog.start(options.home().resolve("run")
                .resolve("services-" + ProcessHandle.current().pid() + ".pids"), List.of());
        var started = new ArrayList<ServiceProcess>();
        var stack = new PharosStack(started, watchdog, infra, options);
        try {
            for (String service : SERVICES) {
                started.add(stack.launch(service, service, options.extraEnv().getOrDefault(service, Map.of())));
            }
            for (ServiceProcess service : started) {
                service.awaitReady(Duration.ofSeconds(120));
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Starts a service again, as after a crash, and waits until it is ready; a process of it still running is stopped
     * gracefully first. {@code extraEnv} replaces the service's {@link Options#extraEnv() extra environment}, so a
     * crash test can arm a fault in one run and not in the next. The log goes on in the same file.
     */
    public synchronized ServiceProcess restart(String name, Map<String, String> extraEnv) {
        ServiceProcess old = service(name);
        old.close();
        ServiceProcess started = launch(replicaOf.getOrDefault(name, name), name, extraEnv);
        services.set(services.indexOf(old), started);
        started.awaitReady(Duration.ofSeconds(120));
        return started;
    }

    /** Starts a service again, as after a crash, with the same environment as its last start; see above. */
    public synchronized ServiceProcess restart(String name) {
        return restart(name, extraEnvOf.getOrDefault(name, Map.of()));
    }

    /**
     * Starts one more process of a service under its own name (for example a second checker, {@code checker-2}),
     * with the service's environment plus {@code extraEnv}; the caller awaits its readiness, so several can start at
     * once. It is stopped with the rest, and {@link #restart} and {@link #service} know it by its name.
     */
    public synchronized ServiceProcess addReplica(String service, String name, Map<String, String> extraEnv) {
        if (!SERVICES.contains(service) || services.stream().anyMatch(s -> s.name().equals(name))) {
            throw new IllegalArgumentException("cannot add '" + name + "' of '" + service + "': unknown service or"
                    + " name taken");
        }
        var env = new HashMap<>(options.extraEnv().getOrDefault(service, Map.of()));
        env.putAll(extraEnv);
        ServiceProcess started = launch(service, name, env);
        replicaOf.put(name, service);
        services.add(started);
        return started;
    }

    private ServiceProcess launch(String service, String name, Map<String, String> extraEnv) {
        int port = name.equals("scheduler-service") ? options.apiPort() : Ports.free();
        var env = new HashMap<>(infra.serviceEnvironment());
        if (service.equals("scheduler-service")) {
            env.put("PHAROS_SCHEDULER_BOOTSTRAP_ADMIN_KEY", options.adminKey());
        }
        if (service.equals("checker-service")) {
            // On one machine the monitored sites are often local ones; production refuses them.
            env.put("PHAROS_CHECKER_ALLOW_PRIVATE_TARGETS", "true");
        }
        if (service.equals("notifier-service")) {
            env.put("QUARKUS_MAILER_HOST", options.smtpHost());
            env.put("QUARKUS_MAILER_PORT", Integer.toString(options.smtpPort()));
        }
        env.putAll(extraEnv);
        extraEnvOf.put(name, Map.copyOf(extraEnv));
        return ServiceProcess.start(name, jar(options.projectRoot(), service), javaOptions(), env, port,
                options.home().resolve("logs").resolve(name + ".log"), watchdog);
    }

    static Path jar(Path projectRoot, String service) {
        return projectRoot.resolve(service).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** {@code PHAROS_JAVA_OPTS} when set, else a small heap suited to a laptop. */
    private static List<String> javaOptions() {
        String configured = System.getenv("PHAROS_JAVA_OPTS");
        return configured == null || configured.isBlank()
                ? List.of("-Xmx384m", "-XX:+UseSerialGC")
                : List.of(configured.trim().split("\\s+"));
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** The admin API's base URL. */
    public String apiUrl() {
        return service("scheduler-service").baseUrl();
    }

    /** Stops the services in reverse start order. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        watchdog.close();
    }
}
