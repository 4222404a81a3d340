package dev.pharos.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.repository.MonitorRepository;
import dev.pharos.scheduler.service.MonitorService;
import dev.pharos.scheduler.service.MonitorTransfer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The admin API for monitors. Errors are RFC 9457 problem documents (see {@link ProblemMapper}). */
@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MonitorResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String YAML = "application/yaml";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,49}");

    private final MonitorService service;
    private final ReadModels readModels;
    private final MonitorTransfer transfer;
    private final Caller caller;

    public MonitorResource(MonitorService service, ReadModels readModels, MonitorTransfer transfer, Caller caller) {
        this.service = service;
        this.readModels = readModels;
        this.transfer = transfer;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull(message = "a JSON monitor is required") MonitorRequest body,
                           UriInfo uriInfo) {
        MonitorView created = MonitorView.of(service.create(body, caller));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    /**
     * The caller's monitors, oldest first, a page at a time.
     *
     * @param tag    only monitors with this tag
     * @param status only monitors in this status: UP, DOWN, UNKNOWN or PAUSED
     * @param q      only monitors whose name or URL contains this text (ignoring case)
     * @param limit  page size, 1–200 (default 50)
     * @param cursor the previous page's {@code nextCursor}
     */
    @GET
    public MonitorView.Page list(@QueryParam("tag") String tag, @QueryParam("status") String status,
                                 @QueryParam("q") String q, @QueryParam("limit") @DefaultValue("50") int limit,
                                 @QueryParam("cursor") String cursor) {
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new BadRequestException("tag: not a valid tag");
        }
        if (limit < 1 || limit > 200) {
            throw new BadRequestException("limit: must be between 1 and 200");
        }
        if (q != null && (q.length() > 200 || q.chars().anyMatch(Character::isISOControl))) {
            throw new BadRequestException("q: at most 200 characters, no control characters");
        }
        MonitorRepository.Status wanted;
        MonitorRepository.Cursor after;
        try {
            wanted = status == null ? null : MonitorRepository.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status: must be one of UP, DOWN, UNKNOWN, PAUSED");
        }
        try {
            after = cursor == null ? null : MonitorRepository.Cursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor: " + e.getMessage());
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        var page = service.list(caller, new MonitorRepository.Query(tag, wanted, text, limit, after));
        return new MonitorView.Page(page.items().stream().map(MonitorView::of).toList(), page.nextCursor());
    }

    /** The caller's monitors as one document, JSON (default) or YAML ({@code format=yaml}), for import elsewhere. */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_JSON, YAML})
    public Response export(@QueryParam("format") @DefaultValue("json") String format) {
        boolean yaml = switch (format) {
            case "json" -> false;
            case "yaml" -> true;
            default -> throw new BadRequestException("format: must be json or yaml");
        };
        return Response.ok(transfer.write(transfer.export(caller), yaml), yaml ? YAML : MediaType.APPLICATION_JSON)
                .build();
    }

    /**
     * Imports a document of monitors (JSON, or YAML with a YAML content type): each is matched by name among the
     * caller's monitors and created or changed; importing the same document again changes nothing.
     */
    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    public MonitorTransfer.ImportResult importMonitors(String body, @HeaderParam("Content-Type") String type)
            throws java.io.IOException {
        boolean yaml = type != null && type.contains("yaml");
        return transfer.importAll(transfer.read(body == null ? "" : body, yaml), caller);
    }

    @GET
    @Path("{id}")
    public MonitorView get(@PathParam("id") UUID id) {
        return MonitorView.of(service.get(id, caller));
    }

    /** Replaces the monitor: fields left out take their defaults. Takes effect from the next check. */
    @PUT
    @Path("{id}")
    public MonitorView replace(@PathParam("id") UUID id,
                               @Valid @NotNull(message = "a JSON monitor is required") MonitorRequest body) {
        return MonitorView.of(service.replace(id, body, caller));
    }

    /** Changes some fields: a JSON merge patch (RFC 7396); {@code null} resets a field to its default. */
    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public MonitorView patch(@PathParam("id") UUID id, JsonNode patch) {
        return MonitorView.of(service.patch(id, patch, caller));
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.WILDCARD)
    public MonitorView pause(@PathParam("id") UUID id) {
        return MonitorView.of(service.pause(id, true, caller));
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    public MonitorView resume(@PathParam("id") UUID id) {
        return MonitorView.of(service.pause(id, false, caller));
    }

    /** The monitor's results, newest first, a page at a time ({@code limit} 1–500, default 100). */
    @GET
    @Path("{id}/results")
    public ReadModels.ResultPage results(@PathParam("id") UUID id,
                                         @QueryParam("limit") @DefaultValue("100") int limit,
                                         @QueryParam("cursor") String cursor) {
        return readModels.results(id, limit, cursor);
    }

    /** Uptime %, incidents and response times over {@code window}: 24h (default), 7d, 30d or 90d. */
    @GET
    @Path("{id}/uptime")
    public ReadModels.Uptime uptime(@PathParam("id") UUID id,
                                    @QueryParam("window") @DefaultValue("24h") String window) {
        return readModels.uptime(id, window);
    }

    /** The monitor's incidents, newest first. */
    @GET
    @Path("{id}/incidents")
    public java.util.List<ReadModels.IncidentView> incidents(@PathParam("id") UUID id) {
        return readModels.monitorIncidents(id);
    }

    /** Every attempt to tell the owner about the monitor's incidents, newest first: channel, status and error. */
    @GET
    @Path("{id}/notifications")
    public java.util.List<ReadModels.NotificationView> notifications(@PathParam("id") UUID id) {
        return readModels.monitorNotifications(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id, caller);
        return Response.noContent().build();
    }
}
