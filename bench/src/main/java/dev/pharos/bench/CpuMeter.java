package dev.pharos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of named processes and of the whole machine, from {@code /proc}. Linux reports both in clock ticks of
 * {@value #TICKS_PER_SECOND} per second (USER_HZ, fixed at 100 on every architecture Linux exposes to user space).
 */
final class CpuMeter {

    static final double TICKS_PER_SECOND = 100;

    /** CPU seconds of a process in user mode and in the kernel on its behalf (system calls, TCP). */
    record Cpu(double user, double system) {

        double total() {
            return user + system;
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(user - earlier.user, system - earlier.system);
        }
    }

    /** CPU seconds of each process and busy seconds of the machine (all cores) at one moment. */
    record Sample(Map<String, Cpu> processes, double machineBusySeconds, long nanos) {
    }

    /** CPU seconds used between two samples, by process and by the machine as a whole. */
    record Usage(Map<String, Cpu> processes, double machineBusySeconds, double wallSeconds) {

        /** Busy core-seconds of processes not measured here (builds, other tools). */
        double otherSeconds() {
            return machineBusySeconds - processes.values().stream().mapToDouble(Cpu::total).sum();
        }
    }

    /** CPU seconds of one thread; the name is the kernel's, cut to 15 characters. */
    record ThreadCpu(long tid, String name, double seconds) {
    }

    private final Map<String, Long> pids;
    private final Set<String> trees;

    /** @param pids process ids by name, in the order to report them */
    CpuMeter(Map<String, Long> pids) {
        this(pids, Set.of());
    }

    /**
     * @param pids  process ids by name, in the order to report them
     * @param trees the names whose process is measured with its child processes (PostgreSQL's backends)
     */
    CpuMeter(Map<String, Long> pids, Set<String> trees) {
        this.pids = new LinkedHashMap<>(pids);
        this.trees = Set.copyOf(trees);
    }

    Sample sample() {
        var cpu = new LinkedHashMap<String, Cpu>();
        pids.forEach((name, pid) -> cpu.put(name, trees.contains(name) ? treeCpu(pid) : processCpu(pid)));
        return new Sample(cpu, machineBusySeconds(), System.nanoTime());
    }

    /**
     * CPU seconds of a process and of its descendants alive now. A child that ended between two samples loses the
     * time it used since the first: for a server with long-lived connections, such as PostgreSQL, next to none.
     */
    static Cpu treeCpu(long pid) {
        Cpu total = processCpu(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            try {
                Cpu cpu = processCpu(child.pid());
                total = new Cpu(total.user() + cpu.user(), total.system() + cpu.system());
            } catch (UncheckedIOException e) {
                // ended while being read
            }
        }
        return total;
    }

    static Usage between(Sample before, Sample after) {
        var used = new LinkedHashMap<String, Cpu>();
        after.processes().forEach((name, cpu) -> used.put(name, cpu.minus(before.processes().get(name))));
        return new Usage(used, after.machineBusySeconds() - before.machineBusySeconds(),
                (after.nanos() - before.nanos()) / 1e9);
    }

    /** User and system CPU seconds of a process so far ({@code /proc/<pid>/stat} fields 14 and 15). */
    static Cpu processCpu(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may contain spaces: count fields after its end.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return new Cpu(Long.parseLong(fields[11]) / TICKS_PER_SECOND, Long.parseLong(fields[12]) / TICKS_PER_SECOND);
    }

    /** CPU seconds of every thread of a process so far, by thread id ({@code /proc/<pid>/task/<tid>/stat}). */
    static Map<Long, ThreadCpu> threads(long pid) {
        var threads = new LinkedHashMap<Long, ThreadCpu>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    long tid = Long.parseLong(task.getFileName().toString());
                    threads.put(tid, new ThreadCpu(tid, name,
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND));
                } catch (IOException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
        return threads;
    }

    /** The {@code count} threads that used the most CPU between two {@link #threads} snapshots, busiest first. */
    static List<ThreadCpu> busiest(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, int count) {
        return after.values().stream()
                .map(thread -> new ThreadCpu(thread.tid(), thread.name(), thread.seconds()
                        - (before.containsKey(thread.tid()) ? before.get(thread.tid()).seconds() : 0)))
                .sorted(Comparator.comparingDouble(ThreadCpu::seconds).reversed())
                .limit(count)
                .toList();
    }

    /** The peak resident set size of a process in KiB ({@code VmHWM}). */
    static long peakRssKib(long pid) {
        return statusKib(pid, "VmHWM");
    }

    /** The resident set size of a process now, in KiB ({@code VmRSS}). */
    static long rssKib(long pid) {
        return statusKib(pid, "VmRSS");
    }

    /**
     * Sets the process's {@code VmHWM} back to its current RSS (writing 5 to {@code /proc/<pid>/clear_refs}, Linux
     * 4.0 and later), so that a later {@link #peakRssKib} is the peak since now; false when the kernel refuses.
     */
    static boolean resetPeakRss(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long statusKib(long pid, String field) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
    }

    /** Busy seconds summed over all cores since boot: the first line of {@code /proc/stat} less idle and iowait. */
    static double machineBusySeconds() {
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal (guest time is already counted in user)
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy / TICKS_PER_SECOND;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
