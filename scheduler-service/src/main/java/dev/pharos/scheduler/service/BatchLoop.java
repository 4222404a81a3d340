package dev.pharos.scheduler.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.Callable;

/** Runs a batch in its own transaction, again and again while batches come back full. */
final class BatchLoop {

    private BatchLoop() {
    }

    /**
     * @param batch does one batch and returns how many items it handled; a full batch means more may wait
     */
    static void drain(int batchSize, Callable<Integer> batch) {
        while (QuarkusTransaction.requiringNew().call(batch) == batchSize) {
            // a full batch: there may be more
        }
    }
}
