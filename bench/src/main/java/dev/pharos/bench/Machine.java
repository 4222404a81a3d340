package dev.pharos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on, for the results file. */
record Machine(int cores, String cpuModel, long memoryMib, String kernel, String java, String loadAverage) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(read("/proc/cpuinfo"), "model name"),
                Long.parseLong(field(read("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "")) / 1024,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadAverage(read("/proc/loadavg")));
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String field(String text, String name) {
        return text.lines().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
