package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.mutiny.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A DNS failure produced by a real local name server that knows no name. */
class DnsErrorTest {

    private static CheckCompleted check(Vertx vertx, String url, int timeoutMs) {
        var checker = new HttpChecker(vertx, new HttpCheckerTest.TestConfig(true, List.of()));
        var request = new CheckRequested(1, UUID.randomUUID(), UUID.randomUUID(), url, HttpMethod.HEAD, timeoutMs,
                "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED);
        return checker.check(request).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void anUnknownHostIsADnsError() throws Exception {
        try (var dns = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerEveryQueryWithNoSuchName(dns));
            server.setDaemon(true);
            server.start();
            Vertx vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
                    .addServer("127.0.0.1:" + dns.getLocalPort()).setHostsValue(io.vertx.core.buffer.Buffer.buffer(
                            "127.0.0.1 localhost\n")).setQueryTimeout(2000).setMaxQueries(2)));
            try {
                CheckCompleted result = check(vertx, "http://no-such-site.example/", 5000);
                assertEquals(Outcome.DOWN, result.outcome());
                assertEquals(ErrorKind.DNS, result.errorKind(), result.errorMessage());
            } finally {
                vertx.closeAndAwait();
            }
        }
    }

    /** A name server that answers every question with NXDOMAIN (RCODE 3), echoing the question. */
    private static void answerEveryQueryWithNoSuchName(DatagramSocket socket) {
        byte[] buffer = new byte[512];
        try {
            while (true) {
                var query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = java.util.Arrays.copyOf(query.getData(), query.getLength());
                answer[2] = (byte) (0x80 | (answer[2] & 0x79)); // QR=1, keep opcode and RD
                answer[3] = (byte) 0x83;                        // RA=1, RCODE=3 (no such name)
                for (int i = 6; i < 12; i++) {
                    answer[i] = 0;                              // no answer, authority or additional records
                }
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            }
        } catch (SocketException closed) {
            // the test is over
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
