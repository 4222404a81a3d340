package dev.pharos.checker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void commitsUpToTheOldestRequestNotDone() {
        var offsets = new PartitionOffsets();
        var first = offsets.add(10);
        var second = offsets.add(11);
        var third = offsets.add(12);
        assertEquals(OptionalLong.empty(), offsets.toCommit(), "nothing done yet");
        assertEquals(OptionalLong.empty(), offsets.committable());

        third.done();
        assertEquals(OptionalLong.empty(), offsets.toCommit(), "a later request done holds nothing up");
        first.done();
        assertEquals(OptionalLong.of(11), offsets.toCommit());
        assertEquals(OptionalLong.empty(), offsets.toCommit(), "handed out once");
        assertEquals(OptionalLong.of(11), offsets.committable(), "still committable for a final commit");
        assertEquals(2, offsets.pending());

        second.done();
        assertEquals(OptionalLong.of(13), offsets.toCommit(), "the run of done requests is committed at once");
        assertEquals(0, offsets.pending());
    }

    @Test
    void offsetsMayHaveGaps() {
        // Compacted or transactional topics skip offsets; one past the last done request is still right.
        var offsets = new PartitionOffsets();
        offsets.add(5).done();
        offsets.add(9).done();
        assertEquals(OptionalLong.of(10), offsets.toCommit());
    }
}
