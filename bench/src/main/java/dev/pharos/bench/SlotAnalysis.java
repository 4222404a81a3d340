package dev.pharos.bench;

import dev.pharos.scheduler.domain.Slots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the scheduled requests say about one measured window {@code [start, end)}: for every monitor on the roster,
 * each slot of its phase grid ({@link Slots}) due in the window must have been requested once, with the slot's
 * deterministic checkId. Lateness is a request's record timestamp (when the scheduler handed it to the Kafka client)
 * minus its slot.
 *
 * @param monitors          monitors on the roster
 * @param expectedSlots     grid slots due in the window, summed over the monitors
 * @param missedSlots       of those, slots with no request
 * @param monitorsMissing   monitors with at least one missed slot
 * @param requests          requests for slots due in the window
 * @param duplicates        requests beyond the first for a slot
 * @param offGrid           requests in the window whose slot is not on the monitor's grid
 * @param checkIdMismatches requests whose checkId is not the slot's
 * @param unknownMonitor    requests in the window for monitors not on the roster
 * @param publishLateness   record timestamp − slot, over the requests in the window
 * @param readLateness      when the bench read the request − slot: the above plus the producer's batching, the
 *                          broker's append and the consumer's fetch
 * @param minutes           the lateness minute by minute, by slot time
 * @param problems          the first few problems, described
 */
record SlotAnalysis(int monitors, long expectedSlots, long missedSlots, int monitorsMissing, int requests,
                    int duplicates, int offGrid, int checkIdMismatches, int unknownMonitor,
                    Percentiles publishLateness, Percentiles readLateness, List<Minute> minutes,
                    List<String> problems) {

    /** Percentiles of a distribution in milliseconds (nearest rank); all zero when empty. */
    record Percentiles(int count, long min, long p50, long p90, long p99, long p999, long max) {

        static Percentiles of(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return new Percentiles(0, 0, 0, 0, 0, 0, 0);
            }
            return new Percentiles(sorted.length, sorted[0], rank(sorted, 0.50), rank(sorted, 0.90),
                    rank(sorted, 0.99), rank(sorted, 0.999), sorted[sorted.length - 1]);
        }

        private static long rank(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /** One minute of the window (by slot time): its requests and their publish lateness. */
    record Minute(int index, Percentiles lateness) {
    }

    static SlotAnalysis of(RequestTap.Roster roster, RequestTap.Requests requests, Instant start, Instant end) {
        long from = start.toEpochMilli();
        long to = end.toEpochMilli();
        int monitors = roster.ids().size();

        // Rows of the requests due in the window, grouped by monitor (a counting sort), each group by slot.
        int[] perMonitor = new int[monitors + 1];
        int inWindow = 0;
        int unknown = 0;
        for (int r = 0; r < requests.count(); r++) {
            long due = requests.dueAtMs()[r];
            if (due < from || due >= to) {
                continue;
            }
            inWindow++;
            int m = requests.monitor()[r];
            if (m >= monitors || roster.intervalSeconds()[m] == 0) {
                unknown++;
            } else {
                perMonitor[m + 1]++;
            }
        }
        for (int m = 0; m < monitors; m++) {
            perMonitor[m + 1] += perMonitor[m];
        }
        int[] rows = new int[perMonitor[monitors]];
        int[] fill = Arrays.copyOf(perMonitor, monitors);
        long[] publishLateness = new long[inWindow];
        long[] readLateness = new long[inWindow];
        int minuteCount = (int) Math.max(1, Math.ceil((to - from) / 60_000.0));
        var byMinute = new LongList[minuteCount];
        for (int i = 0; i < minuteCount; i++) {
            byMinute[i] = new LongList();
        }
        int n = 0;
        for (int r = 0; r < requests.count(); r++) {
            long due = requests.dueAtMs()[r];
            if (due < from || due >= to) {
                continue;
            }
            publishLateness[n] = requests.publishedMs()[r] - due;
            readLateness[n] = requests.readMs()[r] - due;
            byMinute[(int) ((due - from) / 60_000)].add(publishLateness[n]);
            n++;
            int m = requests.monitor()[r];
            if (m < monitors && roster.intervalSeconds()[m] != 0) {
                rows[fill[m]++] = r;
            }
        }

        var tally = new Tally();
        for (int m = 0; m < monitors; m++) {
            if (roster.intervalSeconds()[m] == 0) {
                continue; // requested but never on the roster: counted as unknown above
            }
            tally.monitor(roster.ids().get(m), Duration.ofSeconds(roster.intervalSeconds()[m]),
                    Arrays.copyOfRange(rows, perMonitor[m], perMonitor[m + 1]), requests, from, to);
        }
        var minutes = new ArrayList<Minute>();
        for (int i = 0; i < minuteCount; i++) {
            minutes.add(new Minute(i + 1, Percentiles.of(byMinute[i].toArray())));
        }
        return new SlotAnalysis(monitors, tally.expected, tally.missed, tally.monitorsMissing, inWindow,
                tally.duplicates, tally.offGrid, tally.checkIdMismatches, unknown, Percentiles.of(publishLateness),
                Percentiles.of(readLateness), minutes, List.copyOf(tally.problems));
    }

    private static final class Tally {
        long expected;
        long missed;
        int monitorsMissing;
        int duplicates;
        int offGrid;
        int checkIdMismatches;
        final List<String> problems = new ArrayList<>();

        void monitor(UUID id, Duration interval, int[] rows, RequestTap.Requests requests, long from, long to) {
            long[] due = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                due[i] = requests.dueAtMs()[rows[i]];
                if (!requests.checkIds()[rows[i]].equals(Slots.checkId(id, Instant.ofEpochMilli(due[i])))) {
                    checkIdMismatches++;
                    problem(id + ": slot " + Instant.ofEpochMilli(due[i]) + " published with checkId "
                            + requests.checkIds()[rows[i]]);
                }
            }
            Arrays.sort(due);
            long intervalMs = interval.toMillis();
            long phase = Slots.phaseMs(id, interval);
            int missedHere = 0;
            int i = 0;
            for (long slot = Slots.firstSlotAfter(id, interval, Instant.ofEpochMilli(from - 1)).toEpochMilli();
                 slot < to; slot += intervalMs) {
                expected++;
                while (i < due.length && due[i] < slot) {
                    offGrid(id, due[i++], phase, intervalMs);
                }
                if (i < due.length && due[i] == slot) {
                    i++;
                    while (i < due.length && due[i] == slot) {
                        duplicates++;
                        problem(id + ": slot " + Instant.ofEpochMilli(slot) + " published more than once");
                        i++;
                    }
                } else {
                    missed++;
                    missedHere++;
                    problem(id + ": slot " + Instant.ofEpochMilli(slot) + " never published");
                }
            }
            while (i < due.length) {
                offGrid(id, due[i++], phase, intervalMs);
            }
            if (missedHere > 0) {
                monitorsMissing++;
            }
        }

        private void offGrid(UUID id, long due, long phase, long intervalMs) {
            offGrid++;
            problem(id + ": a request for " + Instant.ofEpochMilli(due) + ", off the grid (phase " + phase
                    + " ms of " + intervalMs + " ms)");
        }

        private void problem(String description) {
            if (problems.size() < 5) {
                problems.add(description);
            }
        }
    }

    /** A growable list of longs, without boxing. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
