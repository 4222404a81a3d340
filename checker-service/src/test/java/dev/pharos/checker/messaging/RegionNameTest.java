package dev.pharos.checker.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.checker.http.HttpCheckerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A region name no monitor can have would make a checker skip every request that names regions: refused at start. */
class RegionNameTest {

    @Test
    void aRegionNameMonitorsCannotUseIsRefused() {
        var valid = new HttpCheckerTest.TestConfig(true, List.of());
        CheckerConfig upperCase = (CheckerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CheckerConfig.class},
                (proxy, method, args) -> method.getName().equals("region") ? "EU-West" : method.invoke(valid, args));
        Vertx vertx = Vertx.vertx();
        try {
            var checker = new HttpChecker(vertx, valid);
            var metrics = new CheckMetrics(new SimpleMeterRegistry());
            new CheckConsumer(checker, valid, metrics);
            var refused = assertThrows(IllegalArgumentException.class,
                    () -> new CheckConsumer(checker, upperCase, metrics));
            assertTrue(refused.getMessage().contains("pharos.checker.region"), refused.getMessage());
        } finally {
            vertx.closeAndAwait();
        }
    }
}
