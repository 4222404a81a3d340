package dev.pharos.checker.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of HTTP status codes written as a list of codes and ranges, for example {@code 200-399} or
 * {@code 200,204,300-302}.
 */
public final class ExpectedStatuses {

    private record Range(int from, int to) {
    }

    private final List<Range> ranges;

    private ExpectedStatuses(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parsed lists by their text: most monitors share a few (200-399 above all). */
    private static final Map<String, ExpectedStatuses> SEEN = new ConcurrentHashMap<>();
    /** About: threads adding at once may each add one more. */
    private static final int SEEN_AT_MOST = 1_000;

    /** @throws IllegalArgumentException when the text is not a list of codes and ranges between 100 and 599 */
    public static ExpectedStatuses parse(String text) {
        ExpectedStatuses known = text == null ? null : SEEN.get(text);
        if (known != null) {
            return known;
        }
        ExpectedStatuses parsed = parseNew(text);
        if (SEEN.size() < SEEN_AT_MOST) {
            SEEN.put(text, parsed);
        }
        return parsed;
    }

    private static ExpectedStatuses parseNew(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected statuses are empty");
        }
        var ranges = new ArrayList<Range>();
        for (String part : text.split(",")) {
            String[] bounds = part.trim().split("-", 2);
            try {
                int from = Integer.parseInt(bounds[0].trim());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
                if (from < 100 || to > 599 || from > to) {
                    throw new IllegalArgumentException("not a status range between 100 and 599: '" + part.trim()
                            + "'");
                }
                ranges.add(new Range(from, to));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a status or range: '" + part.trim() + "'", e);
            }
        }
        return new ExpectedStatuses(List.copyOf(ranges));
    }

    public boolean contains(int status) {
        for (Range range : ranges) {
            if (status >= range.from() && status <= range.to()) {
                return true;
            }
        }
        return false;
    }
}
