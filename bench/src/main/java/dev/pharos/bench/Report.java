package dev.pharos.bench;

import dev.pharos.bench.farm.Behaviour;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The "Checker throughput" section of bench/RESULTS.md for one run: its median round (by the answering checks' rate)
 * in full, and every round's rate.
 */
record Report(Instant finishedAt, Machine machine, BenchOptions options, List<String> checkerJavaOptions,
              List<CheckerBench.Round> rounds, long checkerPeakRssKib, Wrk.Result wrk, CpuMeter.Usage wrkCpu,
              long malformedResults) {

    static final double TARGET_CHECKS_PER_SECOND = 5_000;
    static final double TARGET_WRK_RATIO = 0.45;

    /** The round whose answering rate is the median (the lower middle one of an even number). */
    CheckerBench.Round median() {
        var sorted = rounds.stream()
                .sorted(Comparator.comparingDouble(round -> round.analysis().answeringPerSecond())).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    String markdown() {
        CheckerBench.Round median = median();
        var a = median.analysis();
        double timeoutSeconds = options.timeoutMs() / 1e3;
        double ratioAll = a.checksPerSecond() / wrk.requestsPerSecond();
        double ratioAnswering = a.answeringPerSecond() / wrk.requestsPerSecond();
        var md = new StringBuilder();
        line(md, CheckerBench.SECTION);
        line(md, "");
        line(md, "Run finished " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(finishedAt.atOffset(ZoneOffset.UTC)
                .withNano(0)) + " UTC on " + machine.cores() + " cores (" + machine.cpuModel() + "), "
                + fmt("%,d", machine.memoryMib()) + " MiB memory, " + machine.kernel() + ", " + machine.java()
                + "; load average before the run: " + machine.loadAverage() + ".");
        line(md, "");
        line(md, "Command: `" + (options.command().isBlank() ? "CheckerBench" : options.command()) + "`");
        line(md, "");
        line(md, fmt("%,d", a.checks()) + " HEAD checks (timeout " + fmt("%.0f", timeoutSeconds) + " s) over "
                + fmt("%,d", options.hosts()) + " farm hosts (" + options.checks() / options.hosts()
                + " checks per host), published to `pharos.checks.requested` (" + "12 partitions) for ONE checker "
                + "process (`" + String.join(" ", checkerJavaOptions) + "`, defaults otherwise); "
                + fmt("%,d", options.warmup()) + " warm-up checks before, not counted. The batch is measured "
                + rounds.size() + " times in a row; the table gives the median round (by the answering checks' rate), "
                + "except the rows that say \"every round\", which cover all of them (rates in the order they ran).");
        line(md, "");
        line(md, "| measure | value | target | met |");
        line(md, "| --- | --- | --- | --- |");
        row(md, "all " + fmt("%,d", a.checks()) + " results: first publish → last result",
                fmt("%.2f s → **%,.0f checks/s**", a.allSeconds(), a.checksPerSecond()),
                "≥ 5,000 checks/s", met(a.checksPerSecond() >= TARGET_CHECKS_PER_SECOND)
                        + " (floor: ≥ " + fmt("%.0f", timeoutSeconds) + " s, so ≤ "
                        + fmt("%,.0f", a.checks() / timeoutSeconds) + "/s)");
        row(md, fmt("%,d", a.answering()) + " answering checks (all but never-answering hosts): first publish → "
                        + "last of their results",
                fmt("%.2f s → **%,.0f checks/s**", a.answeringSeconds(), a.answeringPerSecond()),
                "≥ 5,000 checks/s", met(a.answeringPerSecond() >= TARGET_CHECKS_PER_SECOND));
        row(md, "answering checks, every round", String.join(" / ", rounds.stream()
                .map(round -> fmt("%,.0f", round.analysis().answeringPerSecond())).toList()) + " checks/s", "", "");
        row(md, "wrk, HEAD with `Connection: close`, same farm", fmt("**%,.0f requests/s**", wrk.requestsPerSecond()),
                "", "");
        row(md, "checker ÷ wrk, all results", fmt("%.2f", ratioAll), "≥ 0.45", met(ratioAll >= TARGET_WRK_RATIO));
        row(md, "checker ÷ wrk, answering checks", fmt("%.2f", ratioAnswering), "≥ 0.45",
                met(ratioAnswering >= TARGET_WRK_RATIO));
        int checked = rounds.stream().mapToInt(round -> round.analysis().checks()).sum();
        int correct = checked - rounds.stream().mapToInt(round -> round.analysis().mismatches()).sum();
        row(md, "correctly classified, every round", fmt("%,d of %,d (%.2f %%)", correct, checked,
                100.0 * correct / checked), "100 %", met(correct == checked));
        row(md, "duplicate results, every round", fmt("%,d", rounds.stream()
                .mapToInt(round -> round.analysis().duplicates()).sum()), "", "");
        row(md, "last check of a never-answering host started", fmt("+%.2f s", a.lastHangingStartSeconds()),
                "", "the batch cannot end before " + fmt("+%.2f s", a.lastHangingStartSeconds() + timeoutSeconds));
        row(md, "publishing the requests (broker acknowledged all)", fmt("%.2f s", median.publishSeconds()), "", "");
        row(md, "check duration p50 / p99, all", fmt("%d / %d ms", a.durationsMs().p50(), a.durationsMs().p99()),
                "", "");
        row(md, "check duration p50 / p99, answering", fmt("%d / %d ms", a.answeringDurationsMs().p50(),
                a.answeringDurationsMs().p99()), "", "");
        row(md, "of which connect / first byte, p50 / p99, answering", fmt("%d / %d ms, %d / %d ms",
                a.connectMs().p50(), a.connectMs().p99(), a.firstByteMs().p50(), a.firstByteMs().p99()), "", "");
        row(md, "checker peak RSS (VmHWM)", fmt("%,d MiB", checkerPeakRssKib / 1024), "", "");
        line(md, "");
        classification(md, a);
        cpu(md, median);
        line(md, "");
        line(md, "wrk: `" + wrk.command().replaceFirst("-s \\S+", "-s bench/wrk/head.lua") + "` — "
                + fmt("%,d", wrk.requests()) + " requests, errors: " + wrk.errors() + "; target farm CPU "
                + fmt("%.1f s (%.2f cores)", farmWrkSeconds(), farmWrkSeconds() / wrkCpu.wallSeconds())
                + ", machine busy " + fmt("%.2f", wrkCpu.machineBusySeconds() / wrkCpu.wallSeconds())
                + " of " + machine.cores() + " cores (wrk itself included).");
        return md.toString();
    }

    private double farmWrkSeconds() {
        return wrkCpu.processes().values().iterator().next().total();
    }

    private void classification(StringBuilder md, Analysis analysis) {
        line(md, "The median round's checks by farm host:");
        line(md, "");
        line(md, "| farm host | share | checks | correct | expected result |");
        line(md, "| --- | --- | --- | --- | --- |");
        for (Behaviour behaviour : Behaviour.values()) {
            line(md, "| " + describe(behaviour) + " | " + behaviour.percent() + " % | "
                    + fmt("%,d", analysis.total().get(behaviour)) + " | " + fmt("%,d", analysis.correct().get(behaviour))
                    + " | " + expected(behaviour) + " |");
        }
        var samples = rounds.stream().flatMap(round -> round.analysis().mismatchSamples().stream()).limit(10)
                .toList();
        if (!samples.isEmpty()) {
            line(md, "");
            line(md, "First misclassified checks, every round:");
            line(md, "");
            samples.forEach(sample -> line(md, "- " + sample));
        }
        if (malformedResults > 0) {
            line(md, "");
            line(md, malformedResults + " records on `pharos.checks.completed` could not be read as results.");
        }
    }

    private void cpu(StringBuilder md, CheckerBench.Round round) {
        var cpu = round.cpu();
        var analysis = round.analysis();
        line(md, "");
        line(md, fmt("CPU during the median round (%.2f s wall, first publish to last result):", cpu.wallSeconds()));
        line(md, "");
        line(md, "| process | CPU seconds (user + system) | cores used | CPU per check |");
        line(md, "| --- | --- | --- | --- |");
        cpu.processes().forEach((name, used) -> line(md, "| " + name + fmt(" | %.2f (%.2f + %.2f) | %.2f | %.0f µs |",
                used.total(), used.user(), used.system(), used.total() / cpu.wallSeconds(),
                used.total() * 1e6 / analysis.checks())));
        line(md, "| other processes on the machine" + fmt(" | %.2f | %.2f | |", cpu.otherSeconds(),
                cpu.otherSeconds() / cpu.wallSeconds()));
        line(md, "| whole machine (busy)" + fmt(" | %.2f | %.2f of %d | |", cpu.machineBusySeconds(),
                cpu.machineBusySeconds() / cpu.wallSeconds(), machine.cores()));
        line(md, "");
        line(md, "Busiest checker threads (kernel names, cut to 15 characters): " + String.join(", ",
                round.busiestCheckerThreads().stream().map(thread -> fmt("`%s` %.2f s (%.0f %% of a core)", thread.name(),
                        thread.seconds(), 100 * thread.seconds() / cpu.wallSeconds())).toList()) + ".");
    }

    private static String describe(Behaviour behaviour) {
        return switch (behaviour) {
            case OK, UNAVAILABLE, NOT_FOUND -> "answers " + behaviour.status();
            case MOVED -> "answers 301 to a 200 host";
            case NEVER -> "never answers (holds the connection)";
            case REFUSED -> "refuses the connection";
        };
    }

    private static String expected(Behaviour behaviour) {
        return switch (behaviour) {
            case OK -> "UP, HTTP 200";
            case UNAVAILABLE, NOT_FOUND -> "DOWN UNEXPECTED_STATUS, HTTP " + behaviour.status();
            case MOVED -> "UP, HTTP 200, final URL the 200 host";
            case NEVER -> "DOWN TIMEOUT";
            case REFUSED -> "DOWN CONNECT_REFUSED";
        };
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static void row(StringBuilder md, String measure, String value, String target, String met) {
        line(md, "| " + measure + " | " + value + " | " + target + " | " + met + " |");
    }

    private static void line(StringBuilder md, String text) {
        md.append(text).append('\n');
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
