package dev.pharos.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a service understands, derived from its own configuration: the keys of its
 * application.properties, the properties of its {@code @ConfigMapping} interfaces, and the connection settings
 * Quarkus reads for the extensions it uses. A deployment that sets anything else has a typo that Quarkus would
 * silently ignore.
 */
final class ServiceSettings {

    private static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern MAPPING_METHOD = Pattern.compile("^\\s+[\\w<>, ]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);

    private ServiceSettings() {
    }

    static Set<String> environmentVariables(String service) {
        Path module = Project.root().resolve(service);
        var properties = new HashSet<String>();
        for (String line : Project.read(module.resolve("src/main/resources/application.properties")).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).trim();
            properties.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        properties.addAll(mappedProperties(module.resolve("src/main/java")));
        properties.add("quarkus.http.port");
        if (properties.contains("quarkus.datasource.db-kind")) {
            properties.addAll(Set.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password"));
        }
        // Kafka through SmallRye channels (scheduler, notifier) or the Kafka client extension (checker).
        if (properties.stream().anyMatch(p -> p.startsWith("mp.messaging.") || p.startsWith("quarkus.kafka."))) {
            properties.add("kafka.bootstrap.servers");
        }
        if (properties.stream().anyMatch(p -> p.startsWith("quarkus.mailer."))) {
            properties.addAll(Set.of("quarkus.mailer.host", "quarkus.mailer.port", "quarkus.mailer.from",
                    "quarkus.mailer.username", "quarkus.mailer.password"));
        }
        var env = new HashSet<String>();
        properties.forEach(p -> env.add(p.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
        return env;
    }

    private static Set<String> mappedProperties(Path sources) {
        var result = new HashSet<String>();
        try (var files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(file);
                Matcher prefix = MAPPING_PREFIX.matcher(source);
                if (!prefix.find()) {
                    continue;
                }
                Matcher method = MAPPING_METHOD.matcher(source);
                while (method.find()) {
                    result.add(prefix.group(1) + "." + kebab(method.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
