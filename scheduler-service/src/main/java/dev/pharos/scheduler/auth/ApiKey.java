package dev.pharos.scheduler.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An API key, by its hash. The key itself is known only to whoever was shown it when it was made. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String name;
    public String prefix;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
