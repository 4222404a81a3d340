package dev.pharos.scheduler.api;

import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.service.MonitorService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** The admin API for monitors. Errors are RFC 9457 problem documents (see {@link ProblemMapper}). */
@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MonitorResource {

    private final MonitorService service;
    private final Caller caller;

    public MonitorResource(MonitorService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull(message = "a JSON monitor is required") MonitorRequest body,
                           UriInfo uriInfo) {
        MonitorView created = MonitorView.of(service.create(body, caller));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    public List<MonitorView> list() {
        return service.list(caller).stream().map(MonitorView::of).toList();
    }

    @GET
    @Path("{id}")
    public MonitorView get(@PathParam("id") UUID id) {
        return MonitorView.of(service.get(id, caller));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id, caller);
        return Response.noContent().build();
    }
}
