package dev.pharos.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Queries over a rendered set of Kubernetes manifests. */
record Manifests(String overlay, List<JsonNode> documents) {

    static Manifests render(String overlay) {
        return new Manifests(overlay, Project.kustomize(overlay));
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    /** Deployments, StatefulSets and Jobs: everything that runs containers. */
    List<JsonNode> workloads() {
        var result = new ArrayList<JsonNode>();
        for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
            result.addAll(ofKind(kind));
        }
        return result;
    }

    static List<JsonNode> containers(JsonNode workload) {
        return list(workload.path("spec").path("template").path("spec").path("containers"));
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** A key of a ConfigMap ({@code data}) or Secret ({@code data} or {@code stringData}). */
    boolean hasKey(String kind, String name, String key) {
        return find(kind, name).map(d -> d.path("data").has(key) || d.path("stringData").has(key)).orElse(false);
    }

    @Override
    public String toString() {
        return overlay;
    }
}
