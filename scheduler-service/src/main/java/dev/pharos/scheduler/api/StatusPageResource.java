package dev.pharos.scheduler.api;

import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.domain.StatusPage;
import dev.pharos.scheduler.service.StatusPages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The caller's public status pages (every page for an admin); each is served at {@code /status/<slug>}. */
@Path("/api/v1/status-pages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StatusPageResource {

    /** A status page, and where the public sees it. */
    public record StatusPageView(UUID id, UUID ownerId, String slug, String title, boolean enabled,
                                 List<UUID> monitorIds, String path, Instant createdAt, Instant updatedAt) {

        static StatusPageView of(StatusPage p) {
            return new StatusPageView(p.id, p.ownerId, p.slug, p.title, p.enabled, p.monitorIds, "/status/" + p.slug,
                    p.createdAt, p.updatedAt);
        }
    }

    private final StatusPages pages;
    private final Caller caller;

    public StatusPageResource(StatusPages pages, Caller caller) {
        this.pages = pages;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull(message = "a JSON status page is required") StatusPageRequest body,
                           UriInfo uri) {
        StatusPageView created = StatusPageView.of(pages.create(body, caller));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created)
                .build();
    }

    @GET
    public List<StatusPageView> list() {
        return pages.list(caller).stream().map(StatusPageView::of).toList();
    }

    @GET
    @Path("{id}")
    public StatusPageView get(@PathParam("id") UUID id) {
        return StatusPageView.of(pages.get(id, caller));
    }

    @PUT
    @Path("{id}")
    public StatusPageView replace(@PathParam("id") UUID id,
                                  @Valid @NotNull(message = "a JSON status page is required") StatusPageRequest body) {
        return StatusPageView.of(pages.replace(id, body, caller));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        pages.delete(id, caller);
        return Response.noContent().build();
    }
}
