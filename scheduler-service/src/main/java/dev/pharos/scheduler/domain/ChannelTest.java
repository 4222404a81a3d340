package dev.pharos.scheduler.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A test message an owner asked for: REQUESTED until the notifier reports its attempt, then SENT, or DEAD with the
 * provider's error.
 */
@Entity
@Table(name = "channel_test")
public class ChannelTest extends PanacheEntityBase {

    public static final String REQUESTED = "REQUESTED";

    @Id
    public UUID id;
    @Column(name = "channel_id")
    public UUID channelId;
    @Column(name = "requested_at")
    public Instant requestedAt;
    public String status;
    public String error;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
