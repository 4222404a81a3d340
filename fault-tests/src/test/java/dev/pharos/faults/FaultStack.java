package dev.pharos.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.devstack.AdminApi;
import dev.pharos.devstack.Devstack;
import dev.pharos.devstack.Mailbox;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.ServiceProcess;
import dev.pharos.devstack.SwitchableTarget;
import dev.pharos.devstack.TwilioStandIn;
import dev.pharos.devstack.TopicLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system for the fault suite: a devstack of its own (the real broker and PostgreSQL), the three services
 * as processes with three checker replicas, a real SMTP server (with the notifier's email journal over IMAP) and a
 * Twilio stand-in (a real HTTP server that lists what it accepted, as Twilio does) that the suite can take down, and {@value #MONITORS} monitors every {@link #INTERVAL}, each with an email and an SMS
 * channel. The monitors of group {@code g} watch a site of their own that the timetable fails and restores; the
 * others watch a site that always answers 200.
 */
final class FaultStack implements AutoCloseable {

    static final int MONITORS = 300;
    static final int GROUP_SIZE = 20;
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final List<String> CHECKERS = List.of("checker-service", "checker-2", "checker-3");

    private static final ObjectMapper JSON = new ObjectMapper();

    final Devstack devstack;
    final Mailbox mailbox;
    final TwilioStandIn sms;
    final PharosStack pharos;
    final AdminApi api;
    final TopicLog<CheckRequested> requested;
    final TopicLog<CheckCompleted> completed;
    /** The notifier's extra environment (providers' accounts, retry timings), to start it again as it was. */
    final Map<String, String> notifierEnv;
    /** Monitor name to id, in creation order. */
    final Map<String, UUID> monitors = new LinkedHashMap<>();
    private final List<SwitchableTarget> groupSites = new ArrayList<>();
    private final SwitchableTarget steadySite = new SwitchableTarget();

    private FaultStack(Devstack devstack, Mailbox mailbox, TwilioStandIn sms, PharosStack pharos,
                       Map<String, String> notifierEnv) {
        this.devstack = devstack;
        this.mailbox = mailbox;
        this.sms = sms;
        this.pharos = pharos;
        this.notifierEnv = Map.copyOf(notifierEnv);
        this.api = new AdminApi(pharos.apiUrl());
        this.requested = new TopicLog<>(devstack.kafkaBootstrapServers(), Topics.CHECKS_REQUESTED,
                new CheckRequestedDeserializer());
        this.completed = new TopicLog<>(devstack.kafkaBootstrapServers(), Topics.CHECKS_COMPLETED,
                new CheckCompletedDeserializer());
    }

    /** Starts everything and creates the monitors; {@code groups} groups of {@value #GROUP_SIZE} follow the timetable. */
    static FaultStack start(int groups, Map<String, String> notifierEnv) {
        Devstack devstack = Devstack.startTemporary();
        Mailbox mailbox = null;
        TwilioStandIn sms = null;
        PharosStack pharos = null;
        try {
            mailbox = Mailbox.withJournal();
            sms = TwilioStandIn.start();
            var notifier = new LinkedHashMap<>(notifierEnv);
            notifier.putAll(sms.notifierEnv());
            notifier.putAll(mailbox.journalEnvironment());
            pharos = PharosStack.start(devstack, new PharosStack.Options(ProjectRoot.path(),
                    Path.of("target", "fault-suite").toAbsolutePath(), Ports.free(), "127.0.0.1", mailbox.port(),
                    AdminApi.ADMIN_KEY, Map.of("notifier-service", notifier)));
            var replicas = new ArrayList<ServiceProcess>();
            for (String replica : CHECKERS.subList(1, CHECKERS.size())) {
                replicas.add(pharos.addReplica("checker-service", replica, Map.of()));
            }
            replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(120)));
            var stack = new FaultStack(devstack, mailbox, sms, pharos, notifier);
            stack.createMonitors(groups);
            return stack;
        } catch (RuntimeException e) {
            if (pharos != null) {
                pharos.close();
            }
            if (sms != null) {
                sms.close();
            }
            if (mailbox != null) {
                mailbox.close();
            }
            devstack.close();
            throw e;
        }
    }

    private void createMonitors(int groups) {
        if (groups * GROUP_SIZE > MONITORS) {
            throw new IllegalArgumentException(groups + " groups of " + GROUP_SIZE + " exceed " + MONITORS
                    + " monitors");
        }
        for (int g = 0; g < groups; g++) {
            groupSites.add(new SwitchableTarget());
        }
        String email = channel("owner mail", "email", "owner@example.com");
        String phone = channel("owner phone", "twilio", "+41791234567");
        for (int i = 0; i < MONITORS; i++) {
            String name = name(i);
            SwitchableTarget site = i < groups * GROUP_SIZE ? groupSites.get(i / GROUP_SIZE) : steadySite;
            ObjectNode body = JSON.createObjectNode().put("name", name).put("url", site.url() + "?m=" + name)
                    .put("intervalSeconds", (int) INTERVAL.toSeconds());
            body.putArray("contacts").add(email).add(phone);
            UUID id = UUID.fromString(api.post("/api/v1/monitors", body.toString(), 201).get("id").asText());
            monitors.put(name, id);
        }
    }

    private String channel(String name, String kind, String target) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("kind", kind).put("target", target);
        return api.post("/api/v1/channels", body.toString(), 201).get("id").asText();
    }

    static String name(int monitor) {
        return String.format("fault-%03d", monitor);
    }

    /** The names of group {@code g}'s monitors. */
    static List<String> group(int g) {
        var names = new ArrayList<String>();
        for (int i = g * GROUP_SIZE; i < (g + 1) * GROUP_SIZE; i++) {
            names.add(name(i));
        }
        return names;
    }

    SwitchableTarget site(int group) {
        return groupSites.get(group);
    }

    /** Every service process, the checker replicas included. */
    List<ServiceProcess> services() {
        return pharos.services();
    }

    @Override
    public void close() {
        requested.close();
        completed.close();
        pharos.close();
        sms.close();
        mailbox.close();
        groupSites.forEach(SwitchableTarget::close);
        steadySite.close();
        devstack.close();
    }
}
