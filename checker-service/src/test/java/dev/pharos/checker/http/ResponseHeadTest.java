package dev.pharos.checker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading an answer's status line and headers from the bytes received so far. */
class ResponseHeadTest {

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** Reads from bytes that all arrived at once. */
    private static ResponseHead read(ByteBuf received) throws ProtocolException {
        return ResponseHead.read(received, received.readableBytes());
    }

    @Test
    void aCompleteHeadGivesItsStatusAndLocation() throws Exception {
        ByteBuf received = bytes("HTTP/1.1 301 Moved Permanently\r\nServer: x\r\nlocation:  https://example.org/a \r\n"
                + "Location: /second\r\n\r\nbody");
        assertEquals(new ResponseHead(301, "https://example.org/a"), read(received));
        assertEquals("body", received.toString(StandardCharsets.ISO_8859_1), "the head is consumed, the body not");
    }

    @Test
    void anIncompleteHeadIsNotReadYet() throws Exception {
        ByteBuf received = bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
        assertNull(read(received));
        assertEquals(0, received.readerIndex(), "nothing consumed");
        assertNull(read(bytes("HTT")), "a prefix of HTTP/1. is not refused");
    }

    @Test
    void bareLineFeedsAndAReasonlessStatusLineAreAccepted() throws Exception {
        assertEquals(new ResponseHead(503, null), read(bytes("HTTP/1.0 503\nRetry-After: 5\n\n")));
    }

    @Test
    void interimAnswersArePassedOver() throws Exception {
        assertEquals(new ResponseHead(200, null), read(bytes(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")));
        ByteBuf onlyInterim = bytes("HTTP/1.1 100 Continue\r\n\r\n");
        assertNull(read(onlyInterim), "the final answer has not arrived");
        assertEquals(0, onlyInterim.readableBytes());
    }

    @Test
    void whatIsNotHttpIsRefusedFromItsFirstBytes() {
        var e = assertThrows(ProtocolException.class, () -> read(bytes("SSH-2.0-Open")));
        assertTrue(e.getMessage().contains("SSH-2.0-Open"), e.getMessage());
        assertThrows(ProtocolException.class, () -> read(bytes("\u0016\u0003\u0001\u0000")),
                "a TLS record, as a server answering http with https sends");
    }

    @Test
    void malformedStatusLinesAreRefused() {
        for (String head : new String[] {"HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 20x OK\r\n\r\n",
                "HTTP/1.1 099 Low\r\n\r\n", "HTTP/1.x 200 OK\r\n\r\n", "HTTP/1.1  200 OK\r\n\r\n"}) {
            assertThrows(ProtocolException.class, () -> read(bytes(head)), head);
        }
    }

    @Test
    void headerLinesAreReadLeniently() throws Exception {
        // Junk lines are passed over, a name may be followed by spaces, a raw UTF-8 URL is read as UTF-8, and an
        // empty line before the final status line (after an interim answer) is passed over: as browsers do.
        assertEquals(new ResponseHead(302, "/caf\u00e9"), read(bytes("HTTP/1.1 100 Continue\r\n\r\n\r\n"
                + "HTTP/1.1 302 Found\r\nno colon here\r\n: no name\r\n folded\r\nLocation :  /caf\u00c3\u00a9\r\n\r\n")));
    }

    @Test
    void aHeadArrivingByteByByteIsReadOnceComplete() throws Exception {
        byte[] head = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nX: y\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf received = Unpooled.buffer();
        for (int i = 0; i < head.length - 1; i++) {
            received.writeByte(head[i]);
            assertNull(ResponseHead.read(received, 1), "complete after " + (i + 1) + " bytes?");
        }
        received.writeByte(head[head.length - 1]);
        assertEquals(new ResponseHead(404, null), ResponseHead.read(received, 1));
    }

    @Test
    void aHeadLongerThanTheLimitIsRefusedWhetherOrNotItEnds() {
        String huge = "X-Filler: " + "a".repeat(ResponseHead.MAX_BYTES) + "\r\n";
        assertThrows(ProtocolException.class, () -> read(bytes("HTTP/1.1 200 OK\r\n" + huge)));
        assertThrows(ProtocolException.class, () -> read(bytes("HTTP/1.1 200 OK\r\n" + huge + "\r\n")));
    }
}
