package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API key of a local Pharos: kept in {@code <home>/admin-key} (readable by its user only), made on the
 * first start. The scheduler turns it into the first admin's key ({@code PHAROS_SCHEDULER_BOOTSTRAP_ADMIN_KEY}).
 */
public final class AdminKey {

    public static final String FILE = "admin-key";

    private AdminKey() {
    }

    /** The key in {@code home}, made and saved there first if there is none. */
    public static String loadOrCreate(Path home) {
        Path file = home.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file).strip();
                if (!key.isEmpty()) {
                    return key;
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = "pharos_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(home);
            Files.writeString(file, key + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin key " + file, e);
        }
    }
}
