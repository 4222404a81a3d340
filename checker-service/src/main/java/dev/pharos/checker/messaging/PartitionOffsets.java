package dev.pharos.checker.messaging;

import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * One partition's requests in the order they were fetched, and which of them are done (their result published, or
 * nothing to publish). The offset that may be committed is one past the last of the unbroken run of done requests
 * from the oldest: a request still running holds back the commit of every later one, so a crash redoes it.
 *
 * <p>Only the consumer's thread adds requests and asks for offsets; any thread may mark a request done.
 */
final class PartitionOffsets {

    /** One fetched request. */
    static final class Entry {
        private final long offset;
        private final long fetchedNanos = System.nanoTime();
        private volatile boolean done;

        private Entry(long offset) {
            this.offset = offset;
        }

        long fetchedNanos() {
            return fetchedNanos;
        }

        void done() {
            done = true;
        }

        long offset() {
            return offset;
        }
    }

    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    /** One past the last offset of the done run; -1 before any is done. */
    private long doneUpTo = -1;
    /** What {@link #toCommit()} last handed out. */
    private long handedOut = -1;

    /** Tracks the next fetched request; offsets arrive in increasing order. */
    Entry add(long offset) {
        var entry = new Entry(offset);
        pending.add(entry);
        return entry;
    }

    /** The offset to commit when it moved since the last call, else empty. */
    OptionalLong toCommit() {
        advance();
        if (doneUpTo <= handedOut) {
            return OptionalLong.empty();
        }
        handedOut = doneUpTo;
        return OptionalLong.of(doneUpTo);
    }

    /** The last offset handed out was not committed: hand it out again next time. */
    void commitFailed() {
        handedOut = -1;
    }

    /** The offset to commit now, moved or not (for a final commit); empty when nothing is done yet. */
    OptionalLong committable() {
        advance();
        return doneUpTo < 0 ? OptionalLong.empty() : OptionalLong.of(doneUpTo);
    }

    /** Requests fetched and not yet done, or done behind one that is not. */
    int pending() {
        return pending.size();
    }

    /** The oldest request not done, or null. */
    Entry oldest() {
        advance();
        return pending.peek();
    }

    private void advance() {
        Entry head;
        while ((head = pending.peek()) != null && head.done) {
            pending.poll();
            doneUpTo = head.offset + 1;
        }
    }
}
