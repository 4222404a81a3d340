package dev.pharos.scheduler.api;

import dev.pharos.scheduler.auth.ApiKey;
import dev.pharos.scheduler.auth.ApiKeys;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.auth.Owner;
import dev.pharos.scheduler.auth.Role;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * API keys: made (the key is in the answer once, never again), listed by prefix, revoked. An OWNER manages its own
 * keys; an ADMIN also makes owners (a key with {@code ownerName}) and keys for any owner.
 */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /**
     * A new key.
     *
     * @param name      what the key is for, 1–200 characters
     * @param role      for a new owner, its role (default OWNER); otherwise the owner's own role, if given
     * @param ownerId   an existing owner to make the key for (ADMIN only; default: the caller)
     * @param ownerName a new owner to make, with this key as its first (ADMIN only)
     */
    public record ApiKeyRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must have no control characters")
            String name,
            Role role,
            UUID ownerId,
            @Size(min = 1, max = 200) @Pattern(regexp = "(?U)(?=.*\\S)[^\\p{Cntrl}]*",
                    message = "must have visible text and no control characters") String ownerName) {
    }

    /** A key as listed: never the key itself, only its prefix. */
    public record ApiKeyView(UUID id, String name, String prefix, UUID ownerId, Role role, Instant createdAt,
                             Instant lastUsedAt, Instant revokedAt) {

        static ApiKeyView of(ApiKey key, Role role) {
            return new ApiKeyView(key.id, key.name, key.prefix, key.ownerId, role, key.createdAt, key.lastUsedAt,
                    key.revokedAt);
        }
    }

    /** A key just made, with the key itself: store it now, it is not shown again. */
    public record ApiKeyCreated(UUID id, String name, String prefix, UUID ownerId, Role role, Instant createdAt,
                                String key) {
    }

    private final ApiKeys keys;
    private final Caller caller;

    public ApiKeyResource(ApiKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull(message = "a JSON body is required") ApiKeyRequest body, UriInfo uri) {
        Owner owner = ownerFor(body);
        ApiKeys.Issued issued = keys.issue(owner.id, body.name().strip());
        ApiKey key = issued.key();
        return Response.created(uri.getAbsolutePathBuilder().path(key.id.toString()).build())
                .entity(new ApiKeyCreated(key.id, key.name, key.prefix, owner.id, owner.role, key.createdAt,
                        issued.secret()))
                .build();
    }

    private Owner ownerFor(ApiKeyRequest body) {
        if (body.ownerName() != null) {
            caller.requireAdmin("make owners");
            if (body.ownerId() != null) {
                throw new jakarta.ws.rs.BadRequestException("give ownerId or ownerName, not both");
            }
            return Owner.create(body.ownerName().strip(), body.role() == null ? Role.OWNER : body.role());
        }
        UUID ownerId = body.ownerId() == null ? caller.ownerId() : body.ownerId();
        if (!caller.mayAccess(ownerId)) {
            throw new ForbiddenException("only an ADMIN may make keys for another owner");
        }
        Owner owner = Owner.findById(ownerId);
        if (owner == null) {
            throw new NotFoundException("no owner with id " + ownerId);
        }
        if (body.role() != null && body.role() != owner.role) {
            throw new ForbiddenException("a key has its owner's role, " + owner.role);
        }
        return owner;
    }

    @GET
    @Transactional
    public List<ApiKeyView> list() {
        return keys.list(caller).stream()
                .map(key -> ApiKeyView.of(key, Owner.<Owner>findById(key.ownerId).role))
                .toList();
    }

    /** Revokes the key; revoking it again changes nothing. The last working ADMIN key cannot be revoked. */
    @DELETE
    @Path("{id}")
    @Transactional
    public Response revoke(@PathParam("id") UUID id) {
        ApiKey key = ApiKey.findById(id);
        if (key == null || !caller.mayAccess(key.ownerId)) {
            throw new NotFoundException("no API key with id " + id);
        }
        if (key.revokedAt == null) {
            Owner owner = Owner.findById(key.ownerId);
            if (owner.role == Role.ADMIN && ApiKey.count("revokedAt is null and ownerId in "
                    + "(select o.id from Owner o where o.role = ?1)", Role.ADMIN) <= 1) {
                throw new ClientErrorException("the last working ADMIN key cannot be revoked; make another first",
                        Response.Status.CONFLICT);
            }
            key.revokedAt = Instant.now();
        }
        return Response.noContent().build();
    }
}
