package dev.pharos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WrkTest {

    @Test
    void readsTheRateTheCountAndTheErrorsFromWrksSummary() {
        var result = Wrk.parse("""
                Running 5s test @ http://127.1.0.1:18777/
                  2 threads and 256 connections
                  23733 requests in 5.10s, 1.29MB read
                  Socket errors: connect 0, read 12, write 0, timeout 3
                  Non-2xx or 3xx responses: 7
                Requests/sec:   4653.50
                Transfer/sec:    259.03KB
                """, "wrk ...");
        assertEquals(4653.50, result.requestsPerSecond());
        assertEquals(23733, result.requests());
        assertEquals("socket errors: connect 0, read 12, write 0, timeout 3; non-2xx/3xx: 7", result.errors());
    }

    @Test
    void aCleanRunHasNoErrors() {
        var result = Wrk.parse("  85469 requests in 15.10s, 4.6MB read\nRequests/sec:   5660.12\n", "wrk ...");
        assertEquals("none", result.errors());
    }
}
