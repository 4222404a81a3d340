package dev.pharos.scheduler.api;

import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.service.LiveChanges;
import dev.pharos.scheduler.service.Overview;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** What the dashboard reads in bulk: every monitor at a glance, and a stream of their changes. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    /** A stream that has had nothing to say for this many polls sends an empty batch, so dead clients are noticed. */
    private static final int HEARTBEAT_POLLS = 15;
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);
    private static final Duration MAX_CATCH_UP = Duration.ofMinutes(10);

    private final Overview overview;
    private final LiveChanges live;
    private final Caller caller;

    public DashboardResource(Overview overview, LiveChanges live, Caller caller) {
        this.overview = overview;
        this.live = live;
        this.caller = caller;
    }

    /**
     * The caller's monitors (every monitor for an admin), oldest first, each with its status, last response time,
     * uptime over 24 h and 30 d, 24 hourly mean response times and 90 daily uptime percentages. {@code generatedAt}
     * is the cursor for {@code /events?since=}.
     */
    @GET
    @Path("dashboard/overview")
    public Overview.Page overview() {
        return overview.of(owner());
    }

    /**
     * Server-sent events: every second, the caller's monitors whose status, latest result or settings changed, as a
     * JSON array (an empty one now and then as a heartbeat). {@code since}, an ISO-8601 instant at most 10 minutes
     * back (an overview's {@code generatedAt}), sends what changed after it first. The stream ends after
     * {@code maxSeconds} (1–3,600, default 600), and the client reconnects, so no connection lives forever.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<List<LiveChanges.Change>> events(@QueryParam("since") String since,
                                                  @QueryParam("maxSeconds") @DefaultValue("600") int maxSeconds) {
        if (maxSeconds < 1 || maxSeconds > 3_600) {
            throw new BadRequestException("maxSeconds: must be between 1 and 3600");
        }
        Instant from = Instant.now();
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("since: must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
            if (from.isBefore(Instant.now().minus(MAX_CATCH_UP))) {
                throw new BadRequestException("since: at most 10 minutes back; read the overview again instead");
            }
        }
        UUID owner = owner();
        var cursor = new LiveChanges.Cursor(from);
        int[] quiet = {0};
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL_EVERY)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> live.poll(owner, cursor))
                .filter(changes -> !changes.isEmpty() || ++quiet[0] % HEARTBEAT_POLLS == 0)
                .select().first(Duration.ofSeconds(maxSeconds));
    }

    private UUID owner() {
        return caller.isAdmin() ? null : caller.ownerId();
    }
}
