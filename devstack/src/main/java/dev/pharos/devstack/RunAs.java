package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;

/** Running PostgreSQL as {@code nobody} when this JVM is root, which PostgreSQL refuses. */
final class RunAs {

    private RunAs() {
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The group {@code nobody} runs in: {@code nogroup} on Debian, {@code nobody} elsewhere. */
    static String nobodyGroup() {
        try {
            return Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("nogroup:"))
                    ? "nogroup" : "nobody";
        } catch (IOException e) {
            return "nogroup";
        }
    }

    static List<String> nobodyPrefix() {
        return List.of("setpriv", "--reuid=nobody", "--regid=" + nobodyGroup(), "--clear-groups");
    }

    static void chownToNobody(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        var view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName("nobody"));
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(nobodyGroup());
        view.setGroup(group);
    }

    /** Fails with a clear message when {@code nobody} cannot reach the folder through its parents. */
    static void requireReachableByNobody(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("PostgreSQL runs as 'nobody' when Pharos runs as root, and "
                            + "'nobody' cannot enter " + p + ". Choose a data folder whose parents all allow others "
                            + "to enter (chmod o+x), for example under /tmp or /var/lib, with PHAROS_HOME.");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
