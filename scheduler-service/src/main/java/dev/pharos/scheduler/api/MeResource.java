package dev.pharos.scheduler.api;

import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.auth.Owner;
import dev.pharos.scheduler.auth.Role;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Who the presented API key belongs to: a client's way to check a key, and its role. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** The caller: its owner id, name and role. */
    public record Me(UUID ownerId, String name, Role role) {
    }

    private final Caller caller;

    public MeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Transactional
    public Me me() {
        Owner owner = Owner.findById(caller.ownerId());
        return new Me(owner.id, owner.name, owner.role);
    }
}
