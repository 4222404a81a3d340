package dev.pharos.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The "Scheduler at 100,000 monitors" section of bench/RESULTS.md. */
record SchedulerReport(Instant finished, Machine machine, SchedulerBenchOptions options, List<String> javaOptions,
                       Duration importTime, SchedulerBench.Window window, SlotAnalysis slots, long notScheduled,
                       long malformed) {

    static final long P99_TARGET_MS = 1_000;
    static final long RSS_TARGET_MIB = 512;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    String markdown() {
        var md = new StringBuilder();
        md.append(SchedulerBench.SECTION).append("\n\n");
        md.append(String.format(Locale.ROOT, "Run finished %s UTC on %d cores (%s), %,d MiB memory, %s, %s; "
                        + "load average before the run: %s, after the measured window: %s.%n%n",
                TIME.format(finished), machine.cores(), machine.cpuModel(), machine.memoryMib(),
                machine.kernel(), machine.java(), machine.loadAverage(), window.loadAverageAfter()));
        md.append("Command: `").append(options.command().isBlank() ? "bench/scheduler-bench.sh" : options.command())
                .append("`\n\n");
        double windowSeconds = Duration.between(window.start(), window.end()).toMillis() / 1000.0;
        md.append(String.format(Locale.ROOT, "%,d monitors at a %d s interval, created through `POST "
                        + "/api/v1/monitors/import` (%,d per request, %,d per owner) in %.1f s (%,.0f monitors/s), "
                        + "for ONE scheduler-service process (`%s`, defaults otherwise) on the embedded Kafka broker "
                        + "(`pharos.checks.requested` with %d partitions) and the embedded PostgreSQL (fsync on). "
                        + "Measured window: %s to %s UTC (%.0f s), starting one interval after every monitor's first "
                        + "check, so every monitor is on its slot grid.%n%n",
                options.monitors(), options.interval().toSeconds(), options.chunk(), options.monitorsPerOwner(),
                importTime.toMillis() / 1000.0, options.monitors() / (importTime.toMillis() / 1000.0),
                String.join(" ", javaOptions), 12, TIME.format(window.start()), TIME.format(window.end()),
                windowSeconds));

        var late = slots.publishLateness();
        var read = slots.readLateness();
        long rssMib = window.peakRssKib() / 1024;
        double schedulerCpu = window.usage().processes().get("scheduler").total();
        md.append("| measure | value | target | met |\n| --- | --- | --- | --- |\n");
        md.append(String.format(Locale.ROOT, "| lateness p50 / p90 (record timestamp − slot) | %s / %s |  |  |%n",
                ms(late.p50()), ms(late.p90())));
        md.append(String.format(Locale.ROOT, "| lateness p99 | **%s** | ≤ 1 s | %s |%n", ms(late.p99()),
                met(late.count() > 0 && late.p99() <= P99_TARGET_MS)));
        md.append(String.format(Locale.ROOT, "| lateness p99.9 / max | %s / %s |  |  |%n", ms(late.p999()),
                ms(late.max())));
        md.append(String.format(Locale.ROOT, "| missed slots | **%,d** of %,d due in the window (%,d monitors "
                        + "affected) | 0 | %s |%n", slots.missedSlots(), slots.expectedSlots(),
                slots.monitorsMissing(), met(slots.missedSlots() == 0 && slots.expectedSlots() > 0)));
        md.append(String.format(Locale.ROOT, "| slots published more than once | %,d |  |  |%n",
                slots.duplicates()));
        md.append(String.format(Locale.ROOT, "| requests off the grid / with a wrong checkId / for unknown monitors "
                + "| %,d / %,d / %,d |  |  |%n", slots.offGrid(), slots.checkIdMismatches(), slots.unknownMonitor()));
        md.append(String.format(Locale.ROOT, "| published (slots due in the window) | %,d → %,.0f requests/s |  "
                + "|  |%n", slots.requests(), slots.requests() / windowSeconds));
        md.append(String.format(Locale.ROOT, "| scheduler CPU | %.1f s → %.2f cores (%.0f µs per request) |  |  |%n",
                schedulerCpu, schedulerCpu / windowSeconds,
                slots.requests() == 0 ? 0 : schedulerCpu * 1e6 / slots.requests()));
        md.append(String.format(Locale.ROOT, "| scheduler peak RSS (VmHWM, whole run incl. import) | **%,d MiB** | "
                + "≤ 512 MB | %s |%n", rssMib, met(rssMib * 1024 * 1024 <= RSS_TARGET_MIB * 1_000_000)));
        if (window.windowPeakRssKib() >= 0) {
            md.append(String.format(Locale.ROOT, "| scheduler peak RSS in the window / RSS at its end | %,d / %,d MiB "
                    + "|  |  |%n", window.windowPeakRssKib() / 1024, window.rssAtEndKib() / 1024));
        }
        md.append(String.format(Locale.ROOT, "| read by the bench − slot, p50 / p99 / max | %s / %s / %s |  |  |%n",
                ms(read.p50()), ms(read.p99()), ms(read.max())));
        if (notScheduled > 0 || malformed > 0) {
            md.append(String.format(Locale.ROOT, "| other records (not SCHEDULED / unreadable) | %,d / %,d |  |  |%n",
                    notScheduled, malformed));
        }
        md.append('\n');
        if (!slots.problems().isEmpty()) {
            md.append("First problems: ").append(slots.problems().stream().map(p -> "`" + p + "`")
                    .collect(Collectors.joining("; "))).append(".\n\n");
        }

        md.append("Lateness by minute of the window (by slot time):\n\n");
        md.append("| minute | requests | p50 | p99 | max |\n| --- | --- | --- | --- | --- |\n");
        for (var minute : slots.minutes()) {
            var p = minute.lateness();
            md.append(String.format(Locale.ROOT, "| %d | %,d | %s | %s | %s |%n", minute.index(), p.count(),
                    ms(p.p50()), ms(p.p99()), ms(p.max())));
        }
        md.append('\n');

        md.append(String.format(Locale.ROOT, "CPU during the measured window (%.0f s wall):%n%n",
                window.usage().wallSeconds()));
        md.append("| process | CPU seconds (user + system) | cores used |\n| --- | --- | --- |\n");
        double wall = window.usage().wallSeconds();
        window.usage().processes().forEach((name, cpu) -> md.append(String.format(Locale.ROOT,
                "| %s | %.1f (%.1f + %.1f) | %.2f |%n", name, cpu.total(), cpu.user(), cpu.system(),
                cpu.total() / wall)));
        md.append(String.format(Locale.ROOT, "| other processes on the machine | %.1f | %.2f |%n",
                window.usage().otherSeconds(), window.usage().otherSeconds() / wall));
        md.append(String.format(Locale.ROOT, "| whole machine (busy) | %.1f | %.2f of %d |%n%n",
                window.usage().machineBusySeconds(), window.usage().machineBusySeconds() / wall, machine.cores()));
        md.append("Busiest scheduler threads (kernel names, cut to 15 characters): ")
                .append(window.busiestThreads().stream().map(t -> String.format(Locale.ROOT, "`%s` %.1f s",
                        t.name(), t.seconds())).collect(Collectors.joining(", ")))
                .append(".\n");
        return md.toString();
    }

    private static String ms(long millis) {
        return Math.abs(millis) < 10_000 ? String.format(Locale.ROOT, "%,d ms", millis)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
