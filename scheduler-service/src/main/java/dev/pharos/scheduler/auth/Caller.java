package dev.pharos.scheduler.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;
import java.util.UUID;

/** Who is calling the admin API in this request; set by {@link BearerAuthFilter} before any resource runs. */
@RequestScoped
public class Caller {

    private UUID ownerId;
    private Role role;

    void authenticated(UUID owner, Role callerRole) {
        this.ownerId = owner;
        this.role = callerRole;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether the caller may see and change what {@code owner} owns: its own things, or anything for an admin. */
    public boolean mayAccess(UUID owner) {
        return isAdmin() || ownerId.equals(owner);
    }

    /** @throws ForbiddenException unless the caller is an admin */
    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw new ForbiddenException("only an ADMIN may " + action);
        }
    }
}
