package dev.pharos.notifier.channel;

import static dev.pharos.notifier.channel.Fixtures.DOWN;
import static dev.pharos.notifier.channel.Fixtures.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.notifier.domain.Transition;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsTest {

    private static Notification down(String name, String url, String cause) {
        return new Notification(Transition.OPENED, Fixtures.INCIDENT, Fixtures.MONITOR, name, url, cause,
                Fixtures.FIRST_FAILURE, Duration.ofSeconds(20));
    }

    @Test
    void subjectsSayWhatHappenedAndToWhat() {
        assertEquals("[Pharos] DOWN: Shop", Texts.subject(DOWN));
        assertEquals("[Pharos] RECOVERED: Shop", Texts.subject(RECOVERED));
    }

    @Test
    void messagesNameTheUrlTheCauseAndTheTime() {
        assertEquals("Shop is DOWN: HTTP 503\nURL: https://shop.example.com/\nSince: 2026-11-24 08:00:00 UTC",
                Texts.message(DOWN));
        assertEquals("Shop has RECOVERED after 3 min 5 s\nURL: https://shop.example.com/\nCause was: HTTP 503",
                Texts.message(RECOVERED));
    }

    @Test
    void aShortSmsHasEverything() {
        assertEquals("[Pharos] DOWN: Shop - HTTP 503 - https://shop.example.com/", Texts.sms(DOWN));
        assertEquals("[Pharos] RECOVERED: Shop after 3 min 5 s - https://shop.example.com/", Texts.sms(RECOVERED));
    }

    @Test
    void aLongUrlIsDroppedFirst() {
        String sms = Texts.sms(down("Shop", "https://shop.example.com/" + "p".repeat(150), "HTTP 503"));
        assertEquals("[Pharos] DOWN: Shop - HTTP 503", sms);
    }

    @Test
    void aLongNameIsShortenedSoTheCauseStays() {
        String sms = Texts.sms(down("N".repeat(300), "https://x.example/", "CONNECT_REFUSED"));
        assertEquals(Texts.SMS_LENGTH, sms.length());
        assertTrue(sms.startsWith("[Pharos] DOWN: NNN"), sms);
        assertTrue(sms.endsWith("... - CONNECT_REFUSED"), sms);
    }

    @Test
    void aLongCauseIsCutAtTheEnd() {
        String sms = Texts.sms(down("Shop", "https://x.example/", "TIMEOUT (" + "c".repeat(290) + ")"));
        assertEquals(Texts.SMS_LENGTH, sms.length());
        assertTrue(sms.startsWith("[Pharos] DOWN: Shop - TIMEOUT (ccc"), sms);
        assertTrue(sms.endsWith("..."), sms);
    }

    @ParameterizedTest(name = "{0} s = {1}")
    @CsvSource({"45, 45 s", "185, 3 min 5 s", "7800, 2 h 10 min"})
    void durationsReadLikeAPerson(long seconds, String text) {
        assertEquals(text, Texts.human(Duration.ofSeconds(seconds)));
    }

    @Test
    void cuttingNeverSplitsACharacter() {
        String text = "ab" + "\uD83D\uDE80".repeat(10);
        String cut = Texts.cut(text, 8);
        assertTrue(cut.length() <= 8, cut);
        assertTrue(cut.endsWith("..."), cut);
        assertTrue(cut.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE), cut);
    }
}
