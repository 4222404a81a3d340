package dev.pharos.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to check one URL once, on {@link Topics#CHECKS_REQUESTED}.
 *
 * @param v                schema version, {@link #VERSION}
 * @param checkId          deterministic for a scheduled slot, so duplicates are recognisable
 * @param monitorId        the monitor, also the record key
 * @param url              the URL to check
 * @param method           HEAD or GET
 * @param timeoutMs        the whole check's time limit in milliseconds
 * @param expectedStatuses status codes counted as up, for example {@code 200-399} or {@code 200,204}
 * @param followRedirects  whether 3xx answers are followed
 * @param maxRedirects     how many redirects at most
 * @param dueAt            the slot this check belongs to
 * @param reason           SCHEDULED or CONFIRM
 * @param requestHeaders   extra request headers the monitor asks for; never null (absent reads as empty)
 * @param regions          the regions that should run this check; empty means every region
 */
public record CheckRequested(
        int v,
        UUID checkId,
        UUID monitorId,
        String url,
        HttpMethod method,
        int timeoutMs,
        String expectedStatuses,
        boolean followRedirects,
        int maxRedirects,
        Instant dueAt,
        CheckReason reason,
        Map<String, String> requestHeaders,
        List<String> regions) {

    public static final int VERSION = 1;

    /** Rejects a record without the fields every reader relies on; a reader sees it as malformed. */
    public CheckRequested {
        Objects.requireNonNull(checkId, "checkId is required");
        Objects.requireNonNull(monitorId, "monitorId is required");
        Objects.requireNonNull(url, "url is required");
        Objects.requireNonNull(method, "method is required");
        Objects.requireNonNull(expectedStatuses, "expectedStatuses is required");
        Objects.requireNonNull(dueAt, "dueAt is required");
        Objects.requireNonNull(reason, "reason is required");
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
        regions = regions == null ? List.of() : List.copyOf(regions);
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, not " + timeoutMs);
        }
    }

    /** A request without extra headers, for every region. */
    public CheckRequested(int v, UUID checkId, UUID monitorId, String url, HttpMethod method, int timeoutMs,
            String expectedStatuses, boolean followRedirects, int maxRedirects, Instant dueAt, CheckReason reason) {
        this(v, checkId, monitorId, url, method, timeoutMs, expectedStatuses, followRedirects, maxRedirects, dueAt,
                reason, Map.of(), List.of());
    }

    /** Whether a checker in {@code region} should run this check. */
    public boolean isFor(String region) {
        return regions.isEmpty() || regions.contains(region);
    }
}
