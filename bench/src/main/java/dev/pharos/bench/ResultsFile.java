package dev.pharos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one section ({@code ## Heading} up to the next {@code ## }) of a markdown file up to date; the benchmarks and
 * the fault suite ({@code fault-tests}) write their results to {@code bench/RESULTS.md} with it.
 */
public final class ResultsFile {

    private ResultsFile() {
    }

    /** Replaces the section that starts with {@code heading} in place, or appends it when there is none. */
    static String replaceSection(String document, String heading, String section) {
        List<String> lines = document.isEmpty() ? List.of() : List.of(document.split("\n", -1));
        var out = new ArrayList<String>();
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!replaced && lines.get(i).equals(heading)) {
                out.addAll(List.of(section.stripTrailing().split("\n")));
                out.add("");
                int next = i + 1;
                while (next < lines.size() && !lines.get(next).startsWith("## ")) {
                    next++;
                }
                i = next - 1;
                replaced = true;
            } else {
                out.add(lines.get(i));
            }
        }
        String result = String.join("\n", out);
        if (!replaced) {
            result = result.stripTrailing() + (result.isBlank() ? "" : "\n\n") + section.stripTrailing() + "\n";
        }
        return result;
    }

    public static void update(Path file, String heading, String section) throws IOException {
        String document = Files.exists(file) ? Files.readString(file) : "";
        Files.writeString(file, replaceSection(document, heading, section));
    }
}
