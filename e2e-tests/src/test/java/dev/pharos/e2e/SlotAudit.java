package dev.pharos.e2e;

import dev.pharos.contracts.CheckRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What {@code pharos.checks.requested} says about each monitor's slots: a slot is a (monitor, dueAt); each monitor's
 * first check is made at creation, off its grid, and from the second on the slots must follow one another exactly one
 * interval apart up to the end of the window.
 *
 * @param slots                every distinct slot after the monitors' first checks
 * @param publishedTwice       extra publications of a slot that no crash explains
 * @param republishedAfterKill extra publications of a slot due shortly before the kill, with the same checkId: the
 *                             killed replica published it but died before committing, so the survivor published it
 *                             again — at-least-once, recognisable downstream
 * @param gaps                 slots missing between a monitor's second slot and the end of the window
 * @param offGrid              consecutive slots not a whole number of intervals apart
 * @param checkIdMismatches    a slot under two checkIds, or a checkId for two slots (duplicates not recognisable)
 * @param problems             the first few of the above, described
 */
record SlotAudit(int monitors, int slots, int publishedTwice, int republishedAfterKill, int gaps, int offGrid,
                 int checkIdMismatches, List<String> problems) {

    /**
     * @param killedAt  when a replica was killed: slots due in the two intervals before may be published again
     * @param windowEnd slots due up to one interval before this must have been published
     */
    static SlotAudit of(List<CheckRequested> requests, Set<UUID> monitorIds, Duration interval, Instant killedAt,
                        Instant windowEnd) {
        var audit = new Tally();
        Map<UUID, List<CheckRequested>> byMonitor = requests.stream()
                .filter(r -> monitorIds.contains(r.monitorId()))
                .collect(Collectors.groupingBy(CheckRequested::monitorId));
        for (UUID monitor : monitorIds) {
            audit.monitor(monitor, byMonitor.getOrDefault(monitor, List.of()), interval, killedAt, windowEnd);
        }
        return new SlotAudit(monitorIds.size(), audit.slots, audit.publishedTwice, audit.republishedAfterKill,
                audit.gaps, audit.offGrid, audit.checkIdMismatches, List.copyOf(audit.problems));
    }

    String summary() {
        return String.format("scheduler replicas: %d monitors, %d slots after the first checks, %d published twice,"
                        + " %d republished after the kill (same checkId), %d gaps, %d off the grid, %d checkId"
                        + " mismatches", monitors, slots, publishedTwice, republishedAfterKill, gaps, offGrid,
                checkIdMismatches);
    }

    private static final class Tally {
        int slots;
        int publishedTwice;
        int republishedAfterKill;
        int gaps;
        int offGrid;
        int checkIdMismatches;
        final List<String> problems = new ArrayList<>();

        void monitor(UUID monitor, List<CheckRequested> requests, Duration interval, Instant killedAt,
                     Instant windowEnd) {
            var bySlot = new TreeMap<Instant, List<CheckRequested>>();
            requests.forEach(r -> bySlot.computeIfAbsent(r.dueAt(), t -> new ArrayList<>()).add(r));
            if (bySlot.size() < 2) {
                gaps++;
                problem(monitor + ": only " + bySlot.size() + " slot(s) published");
                return;
            }
            checkIds(monitor, bySlot);
            duplicates(monitor, bySlot, interval, killedAt);
            sequence(monitor, List.copyOf(bySlot.keySet()), interval, windowEnd, killedAt);
        }

        private void checkIds(UUID monitor, TreeMap<Instant, List<CheckRequested>> bySlot) {
            Map<UUID, Instant> slotOf = new HashMap<>();
            bySlot.forEach((dueAt, published) -> {
                Set<UUID> ids = new HashSet<>();
                published.forEach(r -> ids.add(r.checkId()));
                List<Instant> others = ids.stream().map(id -> slotOf.putIfAbsent(id, dueAt))
                        .filter(Objects::nonNull).toList();
                if (ids.size() > 1 || !others.isEmpty()) {
                    checkIdMismatches++;
                    problem(monitor + ": slot " + dueAt + " has checkIds " + ids
                            + (others.isEmpty() ? "" : ", also used for " + others));
                }
            });
        }

        private void duplicates(UUID monitor, TreeMap<Instant, List<CheckRequested>> bySlot, Duration interval,
                                Instant killedAt) {
            Instant crashFrom = killedAt.minus(interval.multipliedBy(2));
            bySlot.forEach((dueAt, published) -> {
                int extra = published.size() - 1;
                if (extra == 0) {
                    return;
                }
                if (!dueAt.isBefore(crashFrom) && !dueAt.isAfter(killedAt)) {
                    republishedAfterKill += extra;
                } else {
                    publishedTwice += extra;
                    problem(monitor + ": slot " + dueAt + " published " + published.size() + " times (kill at "
                            + killedAt + ")");
                }
            });
        }

        private void sequence(UUID monitor, List<Instant> dueAts, Duration interval, Instant windowEnd,
                              Instant killedAt) {
            slots += dueAts.size() - 1;
            // The first check is made at creation; the second is the first grid slot at least half an interval on.
            if (Duration.between(dueAts.get(0), dueAts.get(1)).compareTo(interval.multipliedBy(2)) > 0) {
                gaps++;
                problem(monitor + ": second slot " + dueAts.get(1) + " long after the first " + dueAts.get(0));
            }
            long intervalMs = interval.toMillis();
            for (int i = 1; i + 1 < dueAts.size(); i++) {
                long apart = Duration.between(dueAts.get(i), dueAts.get(i + 1)).toMillis();
                if (apart % intervalMs != 0) {
                    offGrid++;
                    problem(monitor + ": slots " + dueAts.get(i) + " and " + dueAts.get(i + 1) + " are " + apart
                            + " ms apart");
                } else if (apart > intervalMs) {
                    gaps += (int) (apart / intervalMs - 1);
                    problem(monitor + ": " + (apart / intervalMs - 1) + " slot(s) missing after " + dueAts.get(i)
                            + " (kill at " + killedAt + ")");
                }
            }
            // One interval of slack at the end: the slot due just before the window closed may still be on its way.
            Instant last = dueAts.get(dueAts.size() - 1);
            long missingAtEnd = Duration.between(last, windowEnd.minus(interval)).toMillis() / intervalMs;
            if (missingAtEnd > 0) {
                gaps += (int) missingAtEnd;
                problem(monitor + ": last slot " + last + ", " + missingAtEnd + " more due before " + windowEnd);
            }
        }

        private void problem(String description) {
            if (problems.size() < 10) {
                problems.add(description);
            }
        }
    }
}
