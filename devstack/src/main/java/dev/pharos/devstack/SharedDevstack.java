package dev.pharos.devstack;

/**
 * One devstack per JVM, started on first use and stopped when the JVM exits: test classes share the broker and the
 * database instead of starting their own.
 */
public final class SharedDevstack {

    private static Devstack instance;

    private SharedDevstack() {
    }

    public static synchronized Devstack get() {
        if (instance == null) {
            Devstack devstack = Devstack.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(devstack::close, "pharos-devstack-stop"));
            instance = devstack;
        }
        return instance;
    }
}
