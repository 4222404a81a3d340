package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckHeadersTest {

    @ParameterizedTest(name = "{0} and {1}: one origin {2}")
    @CsvSource({
            "http://shop.example/a, http://shop.example/b?x=1, true",
            "http://shop.example/, http://SHOP.example:80/, true",
            "https://shop.example/, https://shop.example:443/login, true",
            "https://shop.example/, http://shop.example/, false",
            "http://shop.example/, http://shop.example:8080/, false",
            "http://shop.example/, http://www.shop.example/, false",
            "http://shop.example/, http://evil.example/, false",
            "http://[::1]:8080/, http://[::1]:8080/x, true",
    })
    void origins(String a, String b, boolean same) {
        assertEquals(same, CheckHeaders.sameOrigin(URI.create(a), URI.create(b)));
    }

    @ParameterizedTest(name = "{0} is a credential: {1}")
    @CsvSource({
            "Authorization, true",
            "cookie, true",
            "X-Api-Key, true",
            "X-Auth-Token, true",
            "X-Session-Id, true",
            "X-Client-Secret, true",
            "X-Amz-Signature, true",
            "User-Agent, false",
            "Accept-Language, false",
            "X-Tenant, false",
            "Cache-Control, false",
    })
    void credentials(String name, boolean credential) {
        assertEquals(credential, CheckHeaders.isCredential(name));
    }

    @Test
    void theMonitorsHeadersOverOursLessTheCheckersOwnAndTheUnsendable() {
        var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), "http://shop.example/",
                HttpMethod.HEAD, 5000, "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED, Map.of(
                        "accept", "text/html",
                        "Host", "intranet.example",
                        "Transfer-Encoding", "chunked",
                        "X-Injected", "a\r\nHost: intranet.example",
                        "Bad Name", "x",
                        "X-Api-Key", "k-123"), List.of());
        CheckHeaders headers = CheckHeaders.of(request, "Pharos/test");

        assertEquals(Map.of("User-Agent", "Pharos/test", "accept", "text/html", "X-Api-Key", "k-123"),
                new TreeMap<>(headers.forHop(true)));
        assertEquals(Map.of("User-Agent", "Pharos/test", "accept", "text/html"), new TreeMap<>(headers.forHop(false)));
    }
}
