package dev.pharos.scheduler.api;

import dev.pharos.scheduler.domain.StatusPage;
import dev.pharos.scheduler.service.Overview;
import dev.pharos.scheduler.service.StatusPages;
import io.quarkus.qute.Template;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What anyone may see without a key: an owner's enabled status page at {@code /status/<slug>}, and the uptime
 * badge {@code /badge/<monitor id>.svg} of a monitor on an enabled page (any other id is a 404, so badges do not
 * reveal which monitors exist). Names, statuses, uptime and open incidents are shown; URLs and settings are not.
 */
@Path("/")
public class PublicPageResource {

    /** One monitor as the public sees it. */
    public record PublicMonitor(String name, String status, String uptime30d, String bars, List<OpenIncident> open) {
    }

    /** An open incident: why, and since when. */
    public record OpenIncident(String cause, Instant since) {
    }

    private final StatusPages pages;
    private final Overview overview;
    private final EntityManager em;
    private final Template status;

    public PublicPageResource(StatusPages pages, Overview overview, EntityManager em, Template status) {
        this.pages = pages;
        this.overview = overview;
        this.em = em;
        this.status = status;
    }

    @GET
    @Path("status/{slug}")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("slug") String slug) {
        StatusPage page = pages.published(slug).orElseThrow(() -> new NotFoundException("no status page " + slug));
        List<Overview.Line> lines = overview.only(page.monitorIds);
        Map<UUID, List<OpenIncident>> open = openIncidents(lines.stream().map(Overview.Line::id).toList());
        List<PublicMonitor> monitors = lines.stream().map(l -> new PublicMonitor(l.name(), l.status(),
                l.uptime30d() == null ? "no checks yet" : l.uptime30d() + "% in 30 days",
                Svg.bars(l.days(), "Uptime of " + l.name() + ", last 90 days"),
                open.getOrDefault(l.id(), List.of()))).toList();
        long down = monitors.stream().filter(m -> m.status().equals("DOWN")).count();
        String html = status.data("title", page.title).data("monitors", monitors).data("down", down)
                .data("updated", Instant.now()).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "public, max-age=30").build();
    }

    @GET
    @Path("badge/{file}")
    @Produces("image/svg+xml")
    public Response badge(@PathParam("file") String file) {
        UUID id;
        try {
            id = UUID.fromString(file.endsWith(".svg") ? file.substring(0, file.length() - 4) : "-");
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no badge " + file);
        }
        if (!pages.isPublic(id)) {
            throw new NotFoundException("no badge " + file);
        }
        Overview.Line line = overview.only(List.of(id)).get(0);
        String value = line.uptime30d() == null ? line.status().toLowerCase(java.util.Locale.ROOT)
                : line.uptime30d() + "%";
        return Response.ok(Svg.badge("uptime 30d", value, line.status()), "image/svg+xml")
                .header("Cache-Control", "public, max-age=60").build();
    }

    @Transactional
    Map<UUID, List<OpenIncident>> openIncidents(List<UUID> monitors) {
        if (monitors.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT monitor_id, cause, COALESCE(opened_at, first_failure_at) FROM incident
                        WHERE resolved_at IS NULL AND monitor_id IN (:ids)
                        ORDER BY COALESCE(opened_at, first_failure_at) DESC""")
                .setParameter("ids", monitors).getResultList();
        return rows.stream().collect(Collectors.groupingBy(r -> (UUID) r[0], Collectors.mapping(
                r -> new OpenIncident((String) r[1], r[2] instanceof java.time.OffsetDateTime o ? o.toInstant()
                        : r[2] instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) r[2]),
                Collectors.toList())));
    }
}
