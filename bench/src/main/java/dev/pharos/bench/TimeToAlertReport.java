package dev.pharos.bench;

import dev.pharos.bench.alert.Percentiles;
import dev.pharos.bench.alert.SmtpArrivals;
import dev.pharos.bench.alert.Trial;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The "Time to alert" section of bench/RESULTS.md for one run. */
record TimeToAlertReport(Instant finishedAt, Machine machine, TimeToAlertBench.Options options, List<Trial> trials,
                         long extraDownEmails) {

    /** Interval + 3 s. */
    Duration target() {
        return Duration.ofSeconds(options.interval() + 3L);
    }

    String markdown() {
        var md = new StringBuilder();
        line(md, TimeToAlertBench.SECTION);
        line(md, "");
        line(md, "Run finished " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(finishedAt.atOffset(ZoneOffset.UTC)
                .withNano(0)) + " UTC on " + machine.cores() + " cores (" + machine.cpuModel() + "), "
                + String.format(Locale.ROOT, "%,d", machine.memoryMib()) + " MiB memory, " + machine.kernel() + ", "
                + machine.java() + "; load average before the run: " + machine.loadAverage() + ".");
        line(md, "");
        line(md, "Command: `" + (options.command().isBlank() ? "TimeToAlertBench" : options.command()) + "`");
        line(md, "");
        line(md, trials.size() + " trials on one stack (broker, PostgreSQL, the three services with default "
                + "settings, a local SMTP server). Each trial: a new monitor of a local site, interval "
                + options.interval() + " s, default alert policy (2 failures to open: the first failure asks for a "
                + "confirmation check at once); once its second check is done (the first, at creation, is off its "
                + "slot grid), a random wait of 0–" + options.interval() + " s (seed " + options.seed() + "), "
                + "then the site turns 503; measured until the DOWN email is accepted by the SMTP "
                + "server (seen within " + SmtpArrivals.POLL.toMillis() + " ms); then the site recovers, the RECOVERED "
                + "email is awaited and the monitor deleted. (A new monitor per trial, because one that changes state "
                + "5 times in 10 minutes is held back as flapping.)");
        line(md, "");
        Percentiles total = of(Trial::timeToAlert);
        boolean met = total.p99().compareTo(target()) <= 0;
        line(md, "| measure | p50 | p90 | p99 | max | target | met |");
        line(md, "| --- | --- | --- | --- | --- | --- | --- |");
        row(md, "**time to alert**: site broken → DOWN email accepted", total,
                "p99 ≤ " + target().toSeconds() + " s", met ? "yes" : "**no**");
        row(md, "of which: broken → next scheduled check starts", of(Trial::slotWait), "", "");
        row(md, "of which: that check starts → incident opened (confirmation check included)",
                of(Trial::confirmation), "", "");
        row(md, "of which: incident opened → email accepted (delivery)", of(Trial::delivery), "", "");
        line(md, "");
        line(md, "Percentiles are nearest-rank: with " + trials.size() + " trials the p99 is the largest value. "
                + "DOWN emails beyond one per trial: " + extraDownEmails + ".");
        line(md, "");
        line(md, "| trial | wait while UP | broken → check | → incident | → email | time to alert |");
        line(md, "| --- | --- | --- | --- | --- | --- |");
        for (Trial t : trials) {
            line(md, "| " + t.number() + " | " + s(t.waitedBefore()) + " | " + s(t.slotWait()) + " | "
                    + s(t.confirmation()) + " | " + s(t.delivery()) + " | " + s(t.timeToAlert()) + " |");
        }
        return md.toString();
    }

    private Percentiles of(Function<Trial, Duration> measure) {
        return Percentiles.of(trials.stream().map(measure).toList());
    }

    private static void row(StringBuilder md, String name, Percentiles p, String target, String met) {
        line(md, "| " + name + " | " + s(p.p50()) + " | " + s(p.p90()) + " | " + s(p.p99()) + " | " + s(p.max())
                + " | " + target + " | " + met + " |");
    }

    private static String s(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private static void line(StringBuilder md, String text) {
        md.append(text).append('\n');
    }
}
