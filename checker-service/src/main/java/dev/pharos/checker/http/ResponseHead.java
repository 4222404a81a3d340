package dev.pharos.checker.http;

import io.netty.buffer.ByteBuf;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * The part of an HTTP/1.x answer a check reads: the status line and the headers, of which only {@code Location}
 * matters. Interim answers (1xx, but 101) are passed over; the final one is the answer. What is not HTTP is refused
 * as soon as its first bytes show it, so a server speaking another protocol is a PROTOCOL error, not a timeout.
 */
record ResponseHead(int status, String location) {

    /** The most a head may take; longer is refused rather than held (real heads are well under 16 KiB). */
    static final int MAX_BYTES = 64 * 1024;
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads the final head from {@code received} (from its reader index, which moves past the interim heads and the
     * final one), or returns null when it has not fully arrived yet.
     *
     * @param arrived how many of the bytes at the end of {@code received} arrived since the last call (all, the first
     *                time): only they can complete the head, so only they (and the two before) are searched
     * @throws ProtocolException when the bytes are not an HTTP/1.x answer, or its head is too long
     */
    static ResponseHead read(ByteBuf received, int arrived) throws ProtocolException {
        int searchFrom = received.writerIndex() - arrived - 2;
        while (true) {
            // Empty lines before a status line are passed over, as lenient parsers do.
            while (received.isReadable() && (received.getByte(received.readerIndex()) == '\r'
                    || received.getByte(received.readerIndex()) == '\n')) {
                received.skipBytes(1);
            }
            int start = received.readerIndex();
            int available = received.readableBytes();
            for (int i = 0; i < Math.min(available, HTTP_1.length); i++) {
                if (received.getByte(start + i) != HTTP_1[i]) {
                    throw new ProtocolException("not an HTTP/1.x answer: it starts with \""
                            + printable(received, start, Math.min(available, 40)) + "\"");
                }
            }
            int end = endOfHead(received, Math.max(start, searchFrom), start + available);
            if (end < 0) {
                if (available > MAX_BYTES) {
                    throw new ProtocolException("the answer's status line and headers exceed 64 KiB");
                }
                return null;
            }
            if (end - start > MAX_BYTES) {
                throw new ProtocolException("the answer's status line and headers exceed 64 KiB");
            }
            ResponseHead head = parse(received.toString(start, end - start, StandardCharsets.ISO_8859_1));
            received.readerIndex(end);
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
            searchFrom = end; // the next head is all in what is left
        }
    }

    /** The index just past the empty line that ends a head (CRLF CRLF, or bare LF as lenient parsers accept), or -1. */
    private static int endOfHead(ByteBuf bytes, int from, int to) {
        for (int i = bytes.indexOf(from, to, (byte) '\n'); i >= 0; i = bytes.indexOf(i + 1, to, (byte) '\n')) {
            if (i + 1 < to && bytes.getByte(i + 1) == '\n') {
                return i + 2;
            }
            if (i + 2 < to && bytes.getByte(i + 1) == '\r' && bytes.getByte(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static ResponseHead parse(String head) throws ProtocolException {
        String[] lines = head.split("\r?\n");
        String statusLine = lines[0];
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (statusLine.length() < 12 || !Character.isDigit(statusLine.charAt(7)) || statusLine.charAt(8) != ' '
                || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new ProtocolException("malformed status line \"" + clip(statusLine) + "\"");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("malformed status line \"" + clip(statusLine) + "\"");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new ProtocolException("malformed status line \"" + clip(statusLine) + "\"");
        }
        String location = null;
        for (int i = 1; i < lines.length && location == null; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            // A line without a name (an obsolete continuation, or junk) is passed over, as browsers do.
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Location")) {
                // Servers that send a raw non-ASCII URL send it as UTF-8; the head was read as ISO-8859-1.
                location = new String(line.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
            }
        }
        return new ResponseHead(status, location);
    }

    private static String printable(ByteBuf bytes, int from, int length) {
        var text = new StringBuilder(length);
        for (int i = from; i < from + length; i++) {
            int b = bytes.getByte(i) & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return text.toString();
    }

    private static String clip(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
