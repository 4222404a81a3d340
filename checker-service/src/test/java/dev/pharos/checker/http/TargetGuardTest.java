package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    private final TargetGuard production = new TargetGuard(false, List.of());

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource({
            "127.0.0.1, true",
            "127.8.9.10, true",
            "10.1.2.3, true",
            "172.16.0.1, true",
            "172.31.255.255, true",
            "172.32.0.1, false",
            "192.168.1.1, true",
            "169.254.169.254, true",
            "100.64.0.1, true",
            "100.100.100.200, true",
            "100.128.0.1, false",
            "0.0.0.0, true",
            "0.1.2.3, true",
            "224.0.0.1, true",
            "255.255.255.255, true",
            "::1, true",
            "::, true",
            "fe80::1, true",
            "fc00::1, true",
            "fd00:ec2::254, true",
            "ff02::1, true",
            "::ffff:127.0.0.1, true",
            "::ffff:10.0.0.1, true",
            "8.8.8.8, false",
            "93.184.216.34, false",
            "2001:4860:4860::8888, false",
    })
    void refusesInternalAddressesOnly(String literal, boolean refused) throws Exception {
        assertEquals(refused, production.refusal(InetAddress.getByName(literal)).isPresent(), literal);
    }

    @Test
    void allowPrivateTargetsAllowsEverything() throws Exception {
        var devstack = new TargetGuard(true, List.of());
        assertTrue(devstack.refusal(InetAddress.getByName("127.0.0.1")).isEmpty());
        assertTrue(devstack.refusal(InetAddress.getByName("169.254.169.254")).isEmpty());
    }

    @Test
    void allowedRangesAreExemptAndNothingElse() throws Exception {
        var intranet = new TargetGuard(false, List.of("10.20.0.0/16", "fd12:3456::/32"));
        assertTrue(intranet.refusal(InetAddress.getByName("10.20.30.40")).isEmpty());
        assertTrue(intranet.refusal(InetAddress.getByName("10.21.0.1")).isPresent());
        assertTrue(intranet.refusal(InetAddress.getByName("fd12:3456::1")).isEmpty());
        assertTrue(intranet.refusal(InetAddress.getByName("fd12:3457::1")).isPresent());
        assertTrue(intranet.refusal(InetAddress.getByName("169.254.169.254")).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"intranet.example/16", "10.0.0.0/33", "10.0.0.0/x", ""})
    void rejectsWhatIsNotAnAddressRange(String range) {
        assertThrows(IllegalArgumentException.class, () -> new TargetGuard(false, List.of(range)));
    }
}
