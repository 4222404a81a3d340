package dev.pharos.scheduler.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A public, read-only page at {@code /status/<slug>} showing some of an owner's monitors to anyone. */
@Entity
@Table(name = "status_page")
public class StatusPage extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String slug;
    public String title;
    /** Only an enabled page is served, and only its monitors have public badges. */
    public boolean enabled;
    /** The monitors shown, in this order. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "monitor_ids")
    public List<UUID> monitorIds;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
