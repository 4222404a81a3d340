package dev.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The slot counting of {@link SchedulerReplicasTest} finds what it is meant to find. */
class SlotAuditTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final UUID MONITOR = UUID.randomUUID();
    private static final Instant CREATED = Instant.parse("2030-01-01T00:00:00.250Z");
    /** Second slot 7 s after creation, then every 10 s up to 00:01:07. */
    private static final Instant KILLED_AT = Instant.parse("2030-01-01T00:00:40Z");
    private static final Instant WINDOW_END = Instant.parse("2030-01-01T00:01:10Z");

    private static CheckRequested slot(Instant dueAt) {
        return slot(dueAt, UUID.nameUUIDFromBytes((MONITOR + "@" + dueAt).getBytes(StandardCharsets.UTF_8)));
    }

    private static CheckRequested slot(Instant dueAt, UUID checkId) {
        return new CheckRequested(1, checkId, MONITOR, "http://example.invalid/", HttpMethod.HEAD, 5000,
                "200-399", true, 5, dueAt, CheckReason.SCHEDULED);
    }

    private static List<CheckRequested> clean() {
        var requests = new ArrayList<CheckRequested>();
        requests.add(slot(CREATED));
        for (int s = 7; s <= 67; s += 10) {
            requests.add(slot(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(s)));
        }
        return requests;
    }

    private static SlotAudit audit(List<CheckRequested> requests) {
        return SlotAudit.of(requests, Set.of(MONITOR), INTERVAL, KILLED_AT, WINDOW_END);
    }

    @Test
    void aCleanRunHasNothingToReport() {
        SlotAudit audit = audit(clean());
        assertEquals(List.of(), audit.problems());
        assertEquals(7, audit.slots());
    }

    @Test
    void aSlotPublishedTwiceFarFromTheKillIsDoublePublishing() {
        var requests = clean();
        requests.add(requests.get(1));
        assertEquals(1, audit(requests).publishedTwice());
    }

    @Test
    void aSlotDueJustBeforeTheKillPublishedAgainIsARecognisableRepublish() {
        var requests = clean();
        requests.add(requests.get(4)); // due 00:00:37, three seconds before the kill
        SlotAudit audit = audit(requests);
        assertEquals(0, audit.publishedTwice());
        assertEquals(1, audit.republishedAfterKill());
    }

    @Test
    void aMissingSlotIsAGapInTheMiddleOrAtTheEnd() {
        var middle = clean();
        middle.remove(3);
        assertEquals(1, audit(middle).gaps());
        var end = clean();
        end.remove(end.size() - 1);
        end.remove(end.size() - 1);
        assertEquals(1, audit(end).gaps(), "00:00:57 was due more than an interval before the window's end");
    }

    @Test
    void aSlotOffTheGridOrUnderAnotherCheckIdIsFound() {
        var offGrid = clean();
        offGrid.set(3, slot(offGrid.get(3).dueAt().plusMillis(1)));
        assertEquals(2, audit(offGrid).offGrid());
        var twoIds = clean();
        twoIds.add(slot(twoIds.get(2).dueAt(), UUID.randomUUID()));
        assertEquals(1, audit(twoIds).checkIdMismatches());
    }
}
