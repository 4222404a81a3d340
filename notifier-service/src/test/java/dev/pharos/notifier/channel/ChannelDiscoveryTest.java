package dev.pharos.notifier.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.ProviderStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every channel class is a CDI bean: one that is not would be skipped without an error. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(ProviderStandInResource.class)
class ChannelDiscoveryTest {

    @Inject
    ChannelRegistry registry;

    @Test
    void findsEveryChannelThroughCdi() {
        assertEquals(List.of("discord", "email", "ntfy", "pushover", "slack", "sms-gateway", "teams", "telegram",
                "twilio", "webhook"), List.copyOf(registry.kinds()));
    }

    @Test
    void everyChannelIsAKindTheSchedulerAcceptsAndNoneIsMissing() {
        assertEquals(new TreeSet<>(ChannelKind.names()), registry.kinds());
    }
}
