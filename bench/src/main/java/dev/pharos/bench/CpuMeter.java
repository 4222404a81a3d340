package dev.pharos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private final Map<String, Long> pids;

    /** @param pids process ids by name, in the order to report them */
    CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    Sample sample() {
        var cpu = new LinkedHashMap<String, Cpu>();
        pids.forEach((name, pid) -> cpu.put(name, processCpu(pid)));
        return new Sample(cpu, machineBusySeconds(), System.nanoTime());
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

    /** The peak resident set size of a process in KiB ({@code VmHWM}). */
    static long peakRssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for process " + pid);
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
