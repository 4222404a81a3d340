package dev.pharos.bench.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.devstack.Ports;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The farm over real sockets: each host answers as its behaviour says, chosen by the address connected to. */
class TargetFarmTest {

    private static Vertx vertx;
    private static int port;

    @BeforeAll
    static void startFarm() throws Exception {
        vertx = Vertx.vertx();
        port = Ports.free();
        TargetFarm.deploy(vertx, port, 2).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopFarm() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void answersWithTheStatusOfTheHostAndCloses() throws IOException {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", exchange(hostOf(Behaviour.OK)));
        assertEquals("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                exchange(hostOf(Behaviour.UNAVAILABLE)));
        assertEquals("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                exchange(hostOf(Behaviour.NOT_FOUND)));
    }

    @Test
    void aMovedHostPointsAtAHostOfTheFarmThatAnswers200() throws IOException {
        int moved = hostOf(Behaviour.MOVED);
        String target = "http://" + FarmHosts.address(FarmHosts.redirectTarget(moved)) + ":" + port + "/";
        assertEquals("HTTP/1.1 301 Moved Permanently\r\nLocation: " + target
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", exchange(moved));
    }

    @Test
    void aNeverHostReadsTheRequestAndHoldsTheConnectionWithoutAnswering() throws IOException {
        try (var socket = connect(hostOf(Behaviour.NEVER))) {
            socket.setSoTimeout(500);
            socket.getOutputStream().write(request(hostOf(Behaviour.NEVER)));
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
        }
    }

    @Test
    void aRequestHeadSplitAcrossPacketsIsAnsweredOnceComplete() throws IOException {
        int host = hostOf(Behaviour.OK);
        try (var socket = connect(host)) {
            socket.setSoTimeout(5000);
            byte[] request = request(host);
            var out = socket.getOutputStream();
            for (byte b : request) {
                out.write(b);
                out.flush();
            }
            assertEquals("HTTP/1.1 200 OK", readAll(socket.getInputStream()).lines().findFirst().orElse(""));
        }
    }

    private static int hostOf(Behaviour behaviour) {
        for (int i = 0; i < 100; i++) {
            if (FarmHosts.behaviour(i) == behaviour) {
                return i + 1_000; // not the first block, so the host number matters beyond its slot
            }
        }
        throw new IllegalArgumentException("no host " + behaviour);
    }

    /** Sends a HEAD request to host {@code host} and reads until the farm closes the connection. */
    private static String exchange(int host) throws IOException {
        try (var socket = connect(host)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request(host));
            return readAll(socket.getInputStream());
        }
    }

    private static Socket connect(int host) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress(FarmHosts.address(host), port), 5000);
        return socket;
    }

    private static byte[] request(int host) {
        return ("HEAD / HTTP/1.1\r\nHost: " + FarmHosts.address(host) + ":" + port + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
