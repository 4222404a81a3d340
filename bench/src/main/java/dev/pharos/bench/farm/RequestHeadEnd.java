package dev.pharos.bench.farm;

import io.vertx.core.buffer.Buffer;

/** Finds the blank line that ends an HTTP request head, across the chunks a connection delivers. */
final class RequestHeadEnd {

    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    private int matched;

    /** Feeds the next chunk; true once the head's end has been seen (in this chunk or an earlier one). */
    boolean feed(Buffer chunk) {
        for (int i = 0; i < chunk.length() && matched < END.length; i++) {
            byte b = chunk.getByte(i);
            if (b == END[matched]) {
                matched++;
            } else {
                matched = b == '\r' ? 1 : 0;
            }
        }
        return matched == END.length;
    }
}
