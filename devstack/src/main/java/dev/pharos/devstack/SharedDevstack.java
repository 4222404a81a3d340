package dev.pharos.devstack;

import java.util.Locale;

/**
 * One infrastructure per test JVM, started on first use and stopped when the JVM exits: test classes share the
 * broker and the database instead of starting their own.
 *
 * <p>{@code PHAROS_TEST_INFRA} (or the system property {@code pharos.test.infra}) chooses it: {@code embedded}
 * (the default: the real broker and PostgreSQL of {@link Devstack}, no Docker needed), {@code containers}
 * (Testcontainers; needs a Docker engine), or {@code auto} (containers when Docker answers, else embedded).
 */
public final class SharedDevstack {

    private static Infrastructure instance;
    private static RuntimeException failure;

    private SharedDevstack() {
    }

    public static synchronized Infrastructure get() {
        if (failure != null) {
            // Starting again for every test class would only repeat the failure, slowly.
            throw new IllegalStateException("the shared devstack failed to start earlier in this JVM", failure);
        }
        if (instance == null) {
            Infrastructure infra;
            try {
                infra = create(choice());
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "pharos-devstack-stop"));
            instance = infra;
        }
        return instance;
    }

    static String choice() {
        String value = System.getProperty("pharos.test.infra", System.getenv().getOrDefault("PHAROS_TEST_INFRA",
                "embedded"));
        return value.trim().toLowerCase(Locale.ROOT);
    }

    static Infrastructure create(String choice) {
        return switch (choice) {
            case "embedded" -> Devstack.startTemporary();
            case "containers" -> ContainerInfrastructure.start();
            case "auto" -> ContainerInfrastructure.dockerAvailable()
                    ? ContainerInfrastructure.start() : Devstack.startTemporary();
            default -> throw new IllegalArgumentException("PHAROS_TEST_INFRA must be embedded, containers or auto, "
                    + "not '" + choice + "'");
        };
    }
}
