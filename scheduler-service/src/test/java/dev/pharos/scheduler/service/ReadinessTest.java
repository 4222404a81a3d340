package dev.pharos.scheduler.service;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.pharos.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code /q/health/ready}, which Kubernetes and the Dockerfile's HEALTHCHECK probe, covers database and Kafka. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class ReadinessTest {

    private static final String MESSAGING = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";

    @Test
    void listsTheDatabaseAndEveryKafkaChannelAsUp() {
        get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body(MESSAGING + ".status", equalTo("UP"))
                .body(MESSAGING + ".data.'monitors-out'", startsWith("[OK]"))
                .body(MESSAGING + ".data.'checks-requested-out'", startsWith("[OK]"))
                .body(MESSAGING + ".data.'checks-completed'", startsWith("[OK]"));
    }
}
