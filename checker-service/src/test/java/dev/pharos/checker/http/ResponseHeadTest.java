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

    @Test
    void aCompleteHeadGivesItsStatusAndLocation() throws Exception {
        ByteBuf received = bytes("HTTP/1.1 301 Moved Permanently\r\nServer: x\r\nlocation:  https://example.org/a \r\n"
                + "Location: /second\r\n\r\nbody");
        assertEquals(new ResponseHead(301, "https://example.org/a"), ResponseHead.read(received));
        assertEquals("body", received.toString(StandardCharsets.ISO_8859_1), "the head is consumed, the body not");
    }

    @Test
    void anIncompleteHeadIsNotReadYet() throws Exception {
        ByteBuf received = bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
        assertNull(ResponseHead.read(received));
        assertEquals(0, received.readerIndex(), "nothing consumed");
        assertNull(ResponseHead.read(bytes("HTT")), "a prefix of HTTP/1. is not refused");
    }

    @Test
    void bareLineFeedsAndAReasonlessStatusLineAreAccepted() throws Exception {
        assertEquals(new ResponseHead(503, null), ResponseHead.read(bytes("HTTP/1.0 503\nRetry-After: 5\n\n")));
    }

    @Test
    void interimAnswersArePassedOver() throws Exception {
        assertEquals(new ResponseHead(200, null), ResponseHead.read(bytes(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")));
        ByteBuf onlyInterim = bytes("HTTP/1.1 100 Continue\r\n\r\n");
        assertNull(ResponseHead.read(onlyInterim), "the final answer has not arrived");
        assertEquals(0, onlyInterim.readableBytes());
    }

    @Test
    void whatIsNotHttpIsRefusedFromItsFirstBytes() {
        var e = assertThrows(ProtocolException.class, () -> ResponseHead.read(bytes("SSH-2.0-Open")));
        assertTrue(e.getMessage().contains("SSH-2.0-Open"), e.getMessage());
        assertThrows(ProtocolException.class, () -> ResponseHead.read(bytes("\u0016\u0003\u0001\u0000")),
                "a TLS record, as a server answering http with https sends");
    }

    @Test
    void malformedHeadsAreRefused() {
        for (String head : new String[] {"HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 20x OK\r\n\r\n",
                "HTTP/1.1 099 Low\r\n\r\n", "HTTP/1.x 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n"}) {
            assertThrows(ProtocolException.class, () -> ResponseHead.read(bytes(head)), head);
        }
    }

    @Test
    void aHeadLongerThanTheLimitIsRefusedWhetherOrNotItEnds() {
        String huge = "X-Filler: " + "a".repeat(ResponseHead.MAX_BYTES) + "\r\n";
        assertThrows(ProtocolException.class, () -> ResponseHead.read(bytes("HTTP/1.1 200 OK\r\n" + huge)));
        assertThrows(ProtocolException.class, () -> ResponseHead.read(bytes("HTTP/1.1 200 OK\r\n" + huge + "\r\n")));
    }
}
