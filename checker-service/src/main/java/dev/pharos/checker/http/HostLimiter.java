package dev.pharos.checker.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * At most {@code perHost} checks of one host run at once; more wait, in order, without holding a thread. Politeness
 * towards the monitored sites: a thousand monitors of one site do not hit it with a thousand connections.
 */
final class HostLimiter {

    private final int perHost;
    /**
     * Where a waiting work starts when a slot frees up: not on the releasing thread, inside the finished check's
     * callback, where a long queue of one host (all failing at once, say) would start each next one deeper in the
     * stack.
     */
    private final Executor handOver;
    private final Map<Host, Slot> slots = new HashMap<>();

    /**
     * A host name as a map key. String's hash of names that differ only in a few digits (numbered hosts, IP literals)
     * crowds them into few bins of a hash table, where lookups compare strings one by one; it is mixed first.
     */
    private record Host(String name) {
        @Override
        public int hashCode() {
            return name.hashCode() * 0x9E3779B9;
        }
    }

    private static final class Slot {
        int running;
        final Deque<Runnable> waiting = new ArrayDeque<>();
    }

    HostLimiter(int perHost, Executor handOver) {
        if (perHost < 1) {
            throw new IllegalArgumentException("pharos.checker.per-host-concurrency must be at least 1");
        }
        this.perHost = perHost;
        this.handOver = handOver;
    }

    /** Runs {@code granted} once the host has a free slot (at once, on this thread, when one is free now). */
    void acquire(String host, Runnable granted) {
        synchronized (slots) {
            Slot slot = slots.computeIfAbsent(new Host(host), h -> new Slot());
            if (slot.running >= perHost) {
                slot.waiting.add(granted);
                return;
            }
            slot.running++;
        }
        granted.run();
    }

    /** Frees a slot of the host, starting the next waiting work (on this thread) if any. */
    void release(String host) {
        Runnable next;
        synchronized (slots) {
            var key = new Host(host);
            Slot slot = slots.get(key);
            next = slot.waiting.poll();
            if (next == null) {
                slot.running--;
                if (slot.running == 0) {
                    slots.remove(key);
                }
            }
        }
        if (next != null) {
            handOver.execute(next);
        }
    }
}
