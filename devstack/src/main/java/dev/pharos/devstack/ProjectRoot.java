package dev.pharos.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where the services' builds are. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path path() {
        String configured = System.getProperty("pharos.project.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("scheduler-service"))) {
            throw new IllegalStateException("cannot find the Pharos project root (tried " + root + ")");
        }
        return root;
    }
}
