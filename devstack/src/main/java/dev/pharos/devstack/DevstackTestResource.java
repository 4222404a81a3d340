package dev.pharos.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared devstack. It is not stopped per test class: the shared
 * devstack stops when the test JVM exits.
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedDevstack.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // shared across test classes; see SharedDevstack
    }
}
