package dev.pharos.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's deployment files, read as a user's tools would read them. */
final class Project {

    static final List<String> SERVICES = List.of("scheduler-service", "checker-service", "notifier-service");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("pharos.project.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("k8s"))) {
            throw new IllegalStateException("cannot find the Pharos project root (tried " + root + ")");
        }
        return root;
    }

    /** The manifests {@code kubectl kustomize} renders for an overlay. */
    static List<JsonNode> kustomize(String overlay) {
        Path dir = root().resolve("k8s").resolve("overlays").resolve(overlay);
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false)
                    .start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return readAll(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> readAll(String multiDocumentYaml) throws IOException {
        var docs = new ArrayList<JsonNode>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(multiDocumentYaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
