package dev.pharos.scheduler.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user or team of the admin API: it owns monitors, and its role says what else it may do. */
@Entity
@Table(name = "owner")
public class Owner extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Owner create(String name, Role role) {
        var owner = new Owner();
        owner.id = UUID.randomUUID();
        owner.name = name;
        owner.role = role;
        owner.createdAt = Instant.now();
        owner.persist();
        return owner;
    }
}
