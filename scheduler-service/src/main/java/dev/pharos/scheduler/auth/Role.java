package dev.pharos.scheduler.auth;

/** What a caller may do: an ADMIN everything, an OWNER only its own things. */
public enum Role {
    ADMIN,
    OWNER
}
