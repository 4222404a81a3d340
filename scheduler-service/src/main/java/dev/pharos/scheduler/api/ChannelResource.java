package dev.pharos.scheduler.api;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.domain.ChannelTest;
import dev.pharos.scheduler.service.ChannelService;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An owner's channels (where alerts go): create, read, replace, delete, and send a test message. Secrets are written,
 * never returned (see {@link ChannelView}).
 */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    /** A test message: REQUESTED, then SENT or DEAD (with the provider's error). */
    public record TestView(UUID id, UUID channelId, Instant requestedAt, String status, String error,
                           Instant finishedAt) {

        static TestView of(ChannelTest t) {
            return new TestView(t.id, t.channelId, t.requestedAt, t.status, t.error, t.finishedAt);
        }
    }

    /** A kind of channel: its name, what its target is, and which settings it takes and keeps secret. */
    public record KindView(String kind, String target, List<String> settings, List<String> secretSettings) {
    }

    private final ChannelService channels;
    private final Caller caller;

    public ChannelResource(ChannelService channels, Caller caller) {
        this.channels = channels;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull(message = "a JSON body is required") ChannelRequest body, UriInfo uri) {
        var channel = channels.create(body, caller);
        return Response.created(uri.getAbsolutePathBuilder().path(channel.id.toString()).build())
                .entity(ChannelView.of(channel)).build();
    }

    @GET
    public List<ChannelView> list() {
        return channels.list(caller).stream().map(ChannelView::of).toList();
    }

    /** The kinds a channel may have; needs no owner data, but a key like every other endpoint. */
    @GET
    @Path("kinds")
    public List<KindView> kinds() {
        return Arrays.stream(ChannelKind.values()).map(k -> new KindView(k.kindName(), k.description(),
                k.settings().stream().sorted().toList(), k.secretSettings().stream().sorted().toList())).toList();
    }

    @GET
    @Path("{id}")
    public ChannelView get(@PathParam("id") UUID id) {
        return ChannelView.of(channels.get(id, caller));
    }

    @PUT
    @Path("{id}")
    public ChannelView replace(@PathParam("id") UUID id,
                               @Valid @NotNull(message = "a JSON body is required") ChannelRequest body) {
        return ChannelView.of(channels.replace(id, body, caller));
    }

    /** Deletes the channel and takes it out of the contacts of every monitor that used it. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        channels.delete(id, caller);
        return Response.noContent().build();
    }

    /**
     * Asks the notifier to send a test message through the channel. 202: the request is on its way; the Location
     * answers how it went.
     */
    @POST
    @Path("{id}/test")
    @Consumes(MediaType.WILDCARD)
    public Response test(@PathParam("id") UUID id, UriInfo uri) {
        ChannelTest test = channels.requestTest(id, caller);
        return Response.accepted(TestView.of(test))
                .location(uri.getBaseUriBuilder().path("api/v1/channels").path(id.toString()).path("tests")
                        .path(test.id.toString()).build())
                .build();
    }

    @GET
    @Path("{id}/tests/{testId}")
    public TestView testResult(@PathParam("id") UUID id, @PathParam("testId") UUID testId) {
        return TestView.of(channels.testResult(id, testId, caller));
    }
}
