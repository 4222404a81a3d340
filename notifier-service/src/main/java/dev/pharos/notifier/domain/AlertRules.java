package dev.pharos.notifier.domain;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the alert state machine needs to know about one monitor to judge a result.
 *
 * @param policy        failures to open, successes to close, reminders
 * @param regions       the regions that check the monitor; results from others are ignored
 * @param quorum        how many of them must be DOWN for the monitor to be DOWN (the spec's {@code downQuorum()})
 * @param paused        a paused monitor's results change nothing
 * @param maintenance   results started inside one of these windows change nothing; no reminder is sent inside one
 * @param reminderEvery how often to remind while DOWN, or null for never
 * @param flapping      when the monitor counts as flapping
 */
public record AlertRules(AlertPolicy policy, List<String> regions, int quorum, boolean paused,
                         List<MaintenanceWindow> maintenance, Duration reminderEvery, FlappingRule flapping) {

    public AlertRules {
        Objects.requireNonNull(policy, "policy is required");
        Objects.requireNonNull(flapping, "flapping is required");
        regions = List.copyOf(regions);
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("a monitor has at least one region");
        }
        if (quorum < 1 || quorum > regions.size()) {
            throw new IllegalArgumentException("quorum " + quorum + " of " + regions.size() + " regions");
        }
    }

    /** One region, a quorum of 1, not paused, no maintenance, no reminders: the rules before regions existed. */
    public static AlertRules single(AlertPolicy policy) {
        return new AlertRules(policy, List.of("default"), 1, false, List.of(), null, FlappingRule.DEFAULT);
    }

    public boolean inMaintenance(Instant t) {
        return maintenance.stream().anyMatch(w -> w.contains(t));
    }
}
