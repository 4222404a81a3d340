package dev.pharos.faults;

import dev.pharos.bench.ResultsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The suite's table: one row per fault, and the problems behind any shortfall. */
final class Report {

    static final String SECTION = "## Fault suite";

    /** One fault's outcome. */
    record Row(Fault fault, Duration recovery, boolean readyAgain, SlotCheck slots, Notifications.Tally notices) {

        boolean clean() {
            return readyAgain && slots.missedBeyond() == 0 && notices.clean();
        }
    }

    private final List<Row> rows = new ArrayList<>();
    /** Notifications about the monitors that never failed: there must be none. */
    private Notifications.Tally steady = new Notifications.Tally(0, 0, 0, 0, List.of());

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void steady(Notifications.Tally tally) {
        steady = tally;
    }

    boolean clean() {
        return rows.stream().allMatch(Row::clean) && steady.clean();
    }

    /** The table in Markdown, then each shortfall's first problems. */
    String table() {
        var out = new StringBuilder();
        out.append("| fault | recovery time | ready again by itself | slots | checks missed (in outage window)"
                + " | checks missed beyond it | notifications lost | notifications doubled | out of order"
                + " | unexpected |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f s | %s | %d | %d | %d | %d | %d | %d | %d |%n",
                    row.fault().description(), row.recovery().toMillis() / 1000.0, row.readyAgain() ? "yes" : "NO",
                    row.slots().slots(), row.slots().missedInOutage(), row.slots().missedBeyond(),
                    row.notices().lost(), row.notices().doubled(), row.notices().outOfOrder(),
                    row.notices().spurious()));
        }
        out.append("\nNotifications about the monitors whose sites never failed: ").append(steady.spurious())
                .append(" (expected none)\n");
        steady.problems().forEach(p -> out.append("- ").append(p).append("\n"));
        for (Row row : rows) {
            var problems = new ArrayList<String>(row.slots().problems());
            problems.addAll(row.notices().problems());
            if (!problems.isEmpty()) {
                out.append("\n").append(row.fault().description()).append(":\n");
                problems.forEach(p -> out.append("- ").append(p).append("\n"));
            }
        }
        return out.toString();
    }

    /**
     * The table under {@code header} to {@code file}, and as the section {@value #SECTION} of {@code results} unless
     * that is null.
     */
    void write(Path file, Path results, String header) {
        String section = SECTION + "\n\n" + header + "\n\n" + table();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, section);
            if (results != null) {
                ResultsFile.update(results, SECTION, section);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
