package dev.pharos.scheduler.domain;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An owner's saved place to alert, of one {@link ChannelKind}; monitors name it in their contacts. */
@Entity
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String name;
    public String kind;
    public String target;
    /** Includes secret settings; see {@link ChannelKind#secretSettings()}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> settings;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "last_attempt_status")
    public String lastAttemptStatus;
    @Column(name = "last_attempt_error")
    public String lastAttemptError;

    /** The channel as the notifier needs it, secrets included: only ever published, never returned. */
    public Contact toContact() {
        return new Contact(kind, target, settings, id);
    }
}
