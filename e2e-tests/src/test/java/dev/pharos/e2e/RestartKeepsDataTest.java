package dev.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.devstack.AdminApi;
import dev.pharos.devstack.Devstack;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ./pharos up} promises: stop it, start it again on the same folder, and the monitors are still there. */
class RestartKeepsDataTest {

    private PharosStack start(Devstack devstack, Path home) {
        return PharosStack.start(devstack, new PharosStack.Options(ProjectRoot.path(), home, Ports.free(),
                "127.0.0.1", Ports.free(), AdminApi.ADMIN_KEY, Map.of()));
    }

    @Test
    void monitorsSurviveARestartOfEverything() throws IOException {
        Path home = Files.createTempDirectory("pharos-restart-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            // Only loopback targets: tests never reach out to the internet.
            String url = "http://127.0.0.1:" + Ports.free() + "/";
            String id;
            try (Devstack devstack = Devstack.startPersistent(home); PharosStack pharos = start(devstack, home)) {
                id = new AdminApi(pharos.apiUrl()).createMonitor("Kept", url, 3600,
                        "owner@example.com").get("id").asText();
            }
            try (Devstack devstack = Devstack.startPersistent(home); PharosStack pharos = start(devstack, home)) {
                var monitor = new AdminApi(pharos.apiUrl()).monitor(id);
                assertEquals("Kept", monitor.get("name").asText());
                assertEquals(url, monitor.get("url").asText());
            }
        } finally {
            dev.pharos.devstack.Processes.deleteTree(home);
        }
    }
}
