package dev.pharos.scheduler.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pharos.scheduler.api.MonitorRequest;
import dev.pharos.scheduler.auth.Caller;
import dev.pharos.scheduler.domain.Monitor;
import dev.pharos.scheduler.repository.MonitorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Monitors as code: the caller's monitors exported as one JSON or YAML document, and such a document imported
 * idempotently — a monitor is matched by its name among the caller's monitors and created, changed or left as it
 * is. Importing the same document twice changes nothing; monitors the document does not name are left alone.
 */
@ApplicationScoped
public class MonitorTransfer {

    /** The document: the monitors as a client writes them (see {@link MonitorRequest}). */
    public record MonitorDocument(
            @NotNull(message = "is required") @Size(max = 10_000, message = "at most 10000 monitors per document")
            List<@NotNull @Valid MonitorRequest> monitors) {
    }

    /** What an import did. */
    public record ImportResult(int created, int updated, int unchanged) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MonitorRepository monitors;
    private final MonitorService service;
    private final ObjectMapper json;
    private final Validator validator;

    public MonitorTransfer(MonitorRepository monitors, MonitorService service, ObjectMapper json,
                           Validator validator) {
        this.monitors = monitors;
        this.service = service;
        this.json = json;
        this.validator = validator;
    }

    @Transactional
    public MonitorDocument export(Caller caller) {
        return new MonitorDocument(monitors.listLive(caller.ownerId()).stream().map(MonitorService::toRequest)
                .toList());
    }

    public String write(MonitorDocument document, boolean yaml) {
        try {
            return (yaml ? YAML : json).writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a document; malformed JSON or YAML, unknown fields and wrong types become 400 problems. */
    public MonitorDocument read(String body, boolean yaml) throws IOException {
        MonitorDocument document = (yaml ? YAML : json).readValue(body, MonitorDocument.class);
        if (document == null) {
            throw new BadRequestException("the document is empty");
        }
        var violations = validator.validate(document);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        var names = new HashSet<String>();
        for (MonitorRequest monitor : document.monitors()) {
            if (!names.add(monitor.name().strip())) {
                throw new BadRequestException("monitors: the name '" + monitor.name().strip()
                        + "' appears twice; names identify monitors in an import");
            }
        }
        return document;
    }

    /** Creates or changes the caller's monitors to match the document, in one transaction. */
    @Transactional
    public ImportResult importAll(MonitorDocument document, Caller caller) {
        Map<String, Monitor> byName = new HashMap<>();
        for (Monitor existing : monitors.listLive(caller.ownerId())) {
            byName.putIfAbsent(existing.name, existing);
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (MonitorRequest wanted : document.monitors()) {
            Monitor existing = byName.get(wanted.name().strip());
            if (existing == null) {
                service.persistNew(wanted, caller.ownerId());
                created++;
            } else if (service.update(existing, wanted)) {
                updated++;
            } else {
                unchanged++;
            }
        }
        return new ImportResult(created, updated, unchanged);
    }
}
