package dev.pharos.faults;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every scheduled slot of every monitor in a window, against what the topics say: a slot counts as checked when its
 * check request was published and a result with the same checkId came back. A monitor's slots lie on a grid of its
 * interval (its phase is read from its own published slots). Slots missed inside the outage window are what the
 * fault cost and are reported; slots missed outside it are a shortfall.
 *
 * @param slots          slots due in the window
 * @param missedInOutage slots due inside the outage window that were never checked
 * @param missedBeyond   slots due outside the outage window that were never checked
 * @param problems       the first few missed slots beyond the outage window, described
 */
record SlotCheck(int slots, int missedInOutage, int missedBeyond, List<String> problems) {

    /**
     * @param from       the first slot time looked at
     * @param to         the last slot time looked at
     * @param outageFrom the outage window, inclusive at both ends
     */
    static SlotCheck of(List<CheckRequested> requested, List<CheckCompleted> completed, Set<UUID> monitors,
                        Duration interval, Instant from, Instant to, Instant outageFrom, Instant outageTo) {
        Set<UUID> checked = completed.stream().map(CheckCompleted::checkId).collect(Collectors.toSet());
        Map<UUID, List<CheckRequested>> byMonitor = requested.stream()
                .filter(r -> r.reason() == CheckReason.SCHEDULED && monitors.contains(r.monitorId()))
                .collect(Collectors.groupingBy(CheckRequested::monitorId));
        long intervalMs = interval.toMillis();
        int slots = 0;
        int inOutage = 0;
        int beyond = 0;
        var problems = new ArrayList<String>();
        for (UUID monitor : monitors) {
            List<CheckRequested> published = byMonitor.getOrDefault(monitor, List.of());
            Set<Instant> checkedSlots = new HashSet<>();
            published.stream().filter(r -> checked.contains(r.checkId())).forEach(r -> checkedSlots.add(r.dueAt()));
            long phase = phase(published, intervalMs);
            long first = Math.floorDiv(from.toEpochMilli() - phase + intervalMs - 1, intervalMs) * intervalMs + phase;
            for (long t = first; t <= to.toEpochMilli(); t += intervalMs) {
                Instant slot = Instant.ofEpochMilli(t);
                slots++;
                if (checkedSlots.contains(slot)) {
                    continue;
                }
                if (!slot.isBefore(outageFrom) && !slot.isAfter(outageTo)) {
                    inOutage++;
                } else {
                    beyond++;
                    if (problems.size() < 10) {
                        problems.add(monitor + ": slot " + slot + " not checked"
                                + (published.stream().anyMatch(r -> r.dueAt().equals(slot))
                                ? " (published, no result)" : " (never published)"));
                    }
                }
            }
        }
        return new SlotCheck(slots, inOutage, beyond, List.copyOf(problems));
    }

    /** The most common position of the monitor's slots within the interval (its first check is off the grid). */
    private static long phase(List<CheckRequested> published, long intervalMs) {
        return published.stream().map(r -> Math.floorMod(r.dueAt().toEpochMilli(), intervalMs))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey).orElseThrow(() -> new AssertionError("a monitor has no published slot"));
    }
}
