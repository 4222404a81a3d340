package dev.pharos.scheduler.service;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.ChannelTestRequested;
import dev.pharos.contracts.Contact;
import dev.pharos.scheduler.api.ChannelRequest;
import dev.pharos.scheduler.api.InvalidFieldException;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.config.SchedulerConfig;
import dev.pharos.scheduler.domain.Channel;
import dev.pharos.scheduler.domain.ChannelTest;
import dev.pharos.scheduler.messaging.EventPublisher;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An owner's channels: saved, changed and deleted (a change reaches the notifier by republishing the specs of the
 * monitors that use the channel), and tested through {@code pharos.channels.tests}.
 */
@ApplicationScoped
public class ChannelService {

    /** Enough for any team; a bound so one owner cannot fill the table. */
    public static final int MAX_PER_OWNER = 200;

    private final EntityManager em;
    private final EventPublisher publisher;
    private final SpecSync specSync;
    private final SchedulerConfig config;

    public ChannelService(EntityManager em, EventPublisher publisher, SpecSync specSync, SchedulerConfig config) {
        this.em = em;
        this.publisher = publisher;
        this.specSync = specSync;
        this.config = config;
    }

    @Transactional
    public Channel create(ChannelRequest request, Caller caller) {
        if (Channel.count("ownerId", caller.ownerId()) >= MAX_PER_OWNER) {
            throw new ClientErrorException("an owner has at most " + MAX_PER_OWNER + " channels",
                    Response.Status.CONFLICT);
        }
        if (request.target() == null) {
            throw new InvalidFieldException("target", "is required");
        }
        Instant now = Instant.now();
        var channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.ownerId = caller.ownerId();
        channel.name = request.name().strip();
        channel.kind = request.kind();
        channel.target = request.target().strip();
        channel.settings = settings(request.settings(), Map.of());
        channel.createdAt = now;
        channel.updatedAt = now;
        validate(channel);
        channel.persist();
        return channel;
    }

    /** The channel, if the caller may see it; another owner's is as absent as a missing one (404). */
    @Transactional
    public Channel get(UUID id, Caller caller) {
        Channel channel = Channel.findById(id);
        if (channel == null || !caller.mayAccess(channel.ownerId)) {
            throw new NotFoundException("no channel with id " + id);
        }
        return channel;
    }

    /** The caller's channels (every owner's for an admin), oldest first. */
    @Transactional
    public List<Channel> list(Caller caller) {
        Sort order = Sort.by("createdAt").and("id");
        return caller.isAdmin() ? Channel.listAll(order) : Channel.list("ownerId", order, caller.ownerId());
    }

    /**
     * PUT: name, kind, target and settings become what the request says, except that a left-out target and left-out
     * secret settings keep their values while the kind stays the same.
     */
    public Channel replace(UUID id, ChannelRequest request, Caller caller) {
        Channel changed = replaceStored(id, request, caller);
        specSync.publishPending();
        return changed;
    }

    @Transactional
    Channel replaceStored(UUID id, ChannelRequest request, Caller caller) {
        Channel channel = get(id, caller);
        boolean sameKind = channel.kind.equals(request.kind());
        if (request.target() == null && !sameKind) {
            throw new InvalidFieldException("target", "is required when the kind changes");
        }
        Map<String, String> kept = new HashMap<>();
        if (sameKind) {
            ChannelKind.find(channel.kind).orElseThrow().secretSettings().forEach(secret -> {
                if (channel.settings.containsKey(secret)) {
                    kept.put(secret, channel.settings.get(secret));
                }
            });
        }
        channel.name = request.name().strip();
        channel.kind = request.kind();
        channel.target = request.target() == null ? channel.target : request.target().strip();
        channel.settings = settings(request.settings(), kept);
        channel.updatedAt = Instant.now();
        validate(channel);
        touchMonitorsUsing(channel.id);
        return channel;
    }

    /** Deletes the channel and takes it out of every monitor's contacts. */
    public void delete(UUID id, Caller caller) {
        deleteStored(id, caller);
        specSync.publishPending();
    }

    @Transactional
    void deleteStored(UUID id, Caller caller) {
        Channel channel = get(id, caller);
        em.createNativeQuery("""
                        UPDATE monitor SET contacts = contacts - CAST(:id AS TEXT), spec_version = spec_version + 1,
                            updated_at = now()
                        WHERE contacts @> CAST(:ids AS JSONB)""")
                .setParameter("id", channel.id.toString())
                .setParameter("ids", "[\"" + channel.id + "\"]")
                .executeUpdate();
        channel.delete();
    }

    /**
     * Asks the notifier for a test message; the answer says it was asked, {@link #testResult} later says how it went.
     * Fails (and records nothing) when the broker does not take the request.
     */
    @Transactional
    public ChannelTest requestTest(UUID id, Caller caller) {
        Channel channel = get(id, caller);
        var test = new ChannelTest();
        test.id = UUID.randomUUID();
        test.channelId = channel.id;
        test.requestedAt = Instant.now();
        test.status = ChannelTest.REQUESTED;
        test.persist();
        EventPublisher.awaitAll(List.of(publisher.publishChannelTest(new ChannelTestRequested(
                ChannelTestRequested.VERSION, test.id, channel.name, channel.toContact(), test.requestedAt))),
                config.publishTimeout());
        return test;
    }

    @Transactional
    public ChannelTest testResult(UUID channelId, UUID testId, Caller caller) {
        get(channelId, caller);
        ChannelTest test = ChannelTest.findById(testId);
        if (test == null || !test.channelId.equals(channelId)) {
            throw new NotFoundException("no test " + testId + " of channel " + channelId);
        }
        return test;
    }

    /** Marks every monitor that alerts through the channel changed, so its spec (with the new contact) goes out. */
    private void touchMonitorsUsing(UUID channelId) {
        em.createNativeQuery("""
                        UPDATE monitor SET spec_version = spec_version + 1, updated_at = now()
                        WHERE NOT deleted AND contacts @> CAST(:ids AS JSONB)""")
                .setParameter("ids", "[\"" + channelId + "\"]")
                .executeUpdate();
    }

    /** The request's settings over the kept secrets; a null value removes a setting. */
    private static Map<String, String> settings(Map<String, String> requested, Map<String, String> kept) {
        var settings = new HashMap<>(kept);
        if (requested != null) {
            requested.forEach((key, value) -> {
                if (value == null) {
                    settings.remove(key);
                } else {
                    settings.put(key, value);
                }
            });
        }
        return settings;
    }

    private static void validate(Channel channel) {
        try {
            ChannelKind.validate(new Contact(channel.kind, channel.target, channel.settings));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(fieldOf(e.getMessage()), e.getMessage());
        }
    }

    /** Which field a {@link ChannelKind} message is about: it starts by naming it. */
    private static String fieldOf(String message) {
        if (message.startsWith("unknown channel kind")) {
            return "kind";
        }
        if (message.startsWith("setting '")) {
            return "settings." + message.substring(9, message.indexOf('\'', 9));
        }
        return message.startsWith("unknown setting") ? "settings" : "target";
    }
}
