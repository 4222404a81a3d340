package dev.pharos.scheduler.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes, checks and revokes API keys. A key is {@code pharos_<prefix>_<secret>} with 192 random bits; only its
 * SHA-256 is stored. A fast hash is enough for keys this random (no one guesses them), and it keeps every request's
 * check to one indexed lookup.
 */
@ApplicationScoped
public class ApiKeys {

    /** The shortest key accepted from configuration as the bootstrap admin key. */
    public static final int MIN_CONFIGURED_LENGTH = 24;
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just made: the only moment the key itself is known. */
    public record Issued(ApiKey key, String secret) {
    }

    /** The caller a presented key stands for. */
    public record Identity(UUID ownerId, Role role) {
    }

    @Transactional
    public Issued issue(UUID ownerId, String name) {
        byte[] prefixBytes = new byte[6];
        byte[] secretBytes = new byte[24];
        RANDOM.nextBytes(prefixBytes);
        RANDOM.nextBytes(secretBytes);
        String prefix = "pharos_" + HexFormat.of().formatHex(prefixBytes);
        String secret = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new Issued(store(ownerId, name, prefix, secret), secret);
    }

    /** Stores a key chosen elsewhere (the bootstrap admin key from configuration). */
    @Transactional
    public ApiKey store(UUID ownerId, String name, String prefix, String secret) {
        var key = new ApiKey();
        key.id = UUID.randomUUID();
        key.ownerId = ownerId;
        key.name = name;
        key.prefix = prefix;
        key.keyHash = hash(secret);
        key.createdAt = Instant.now();
        key.persist();
        return key;
    }

    /** The owner and role behind a presented key, if the key exists and is not revoked. */
    @Transactional
    public Optional<Identity> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKey> found = ApiKey.<ApiKey>find("keyHash = ?1 and revokedAt is null", hash(presented))
                .firstResultOptional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        Instant now = Instant.now();
        // Written at most once a minute per key, so reading the API does not turn into a write per request.
        if (key.lastUsedAt == null || key.lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION))) {
            key.lastUsedAt = now;
        }
        Owner owner = Owner.findById(key.ownerId);
        return Optional.of(new Identity(owner.id, owner.role));
    }

    @Transactional
    public List<ApiKey> list(Caller caller) {
        return caller.isAdmin() ? ApiKey.list("order by createdAt, id")
                : ApiKey.list("ownerId = ?1 order by createdAt, id", caller.ownerId());
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
