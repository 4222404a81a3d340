package dev.pharos.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UntilStoredTest {

    @ParameterizedTest(name = "SQLSTATE {0}: transient {1}")
    @CsvSource({
            "08001, true",   // cannot connect
            "08006, true",   // connection lost
            "57P01, true",   // admin shutdown
            "53300, true",   // too many connections
            "40001, true",   // serialization failure
            "23505, false",  // unique violation
            "22001, false",  // value too long
            "23502, false",  // not null violation
    })
    void tellsOutagesFromBadData(String sqlState, boolean transientError) {
        var wrapped = new IllegalStateException("tx failed", new SQLException("db says no", sqlState));
        assertEquals(transientError, UntilStored.isTransient(wrapped));
    }

    @Test
    void poolTimeoutsAndDriverTransientsAreOutages() {
        assertTrue(UntilStored.isTransient(new RuntimeException(new SQLException("Acquisition timeout"))));
        assertTrue(UntilStored.isTransient(new RuntimeException(new SQLTransientConnectionException("gone"))));
        assertFalse(UntilStored.isTransient(new NullPointerException("a bug")));
    }

    @Test
    void retriesAnOutageUntilItEnds() throws InterruptedException {
        var calls = new AtomicInteger();
        Optional<String> result = UntilStored.run("a record", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException(new SQLException("down", "08006"));
            }
            return "stored";
        });
        assertEquals(Optional.of("stored"), result);
        assertEquals(4, calls.get());
    }

    @Test
    void skipsARecordWhoseDataCannotBeStoredAfterThreeTries() throws InterruptedException {
        var calls = new AtomicInteger();
        Optional<String> result = UntilStored.run("a bad record", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException(new SQLException("value too long", "22001"));
        });
        assertTrue(result.isEmpty());
        assertEquals(3, calls.get());
    }
}
