package dev.pharos.devstack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SharedDevstackTest {

    @Test
    void rejectsAnUnknownChoiceNamingTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> SharedDevstack.create("docker-please"));
        assertTrue(e.getMessage().contains("embedded, containers or auto"), e.getMessage());
    }
}
