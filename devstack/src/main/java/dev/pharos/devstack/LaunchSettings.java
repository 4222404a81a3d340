package dev.pharos.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./pharos} was asked to do, from its arguments and environment.
 *
 * @param command     UP, INFRA or HELP
 * @param projectRoot where the service builds are
 * @param home        logs, data and received email ({@code --home}, {@code PHAROS_HOME}, default {@code ./.pharos})
 * @param temporary   {@code --temporary}: a throw-away home, deleted on exit
 * @param apiPort     the admin API's port ({@code --port}, {@code PHAROS_API_PORT}, default 8080)
 * @param external    Kafka and PostgreSQL run elsewhere ({@code PHAROS_KAFKA_BOOTSTRAP_SERVERS} and
 *                    {@code PHAROS_DB_URL}, {@code PHAROS_DB_USER}, {@code PHAROS_DB_PASSWORD})
 * @param smtpHost    an SMTP server for alerts ({@code PHAROS_SMTP_HOST}); without it a local sink runs
 * @param smtpPort    its port ({@code PHAROS_SMTP_PORT}, default 25)
 */
public record LaunchSettings(Command command, Path projectRoot, Path home, boolean temporary, int apiPort,
                             Optional<Infrastructure.External> external, Optional<String> smtpHost, int smtpPort) {

    public enum Command { UP, INFRA, HELP }

    public static final String USAGE = """
            Usage: ./pharos up    [--home DIR] [--port N] [--temporary]  run Kafka, PostgreSQL and the three services
                   ./pharos infra [--home DIR] [--temporary]           run only Kafka and PostgreSQL
                   --temporary: keep everything in a new temporary folder, deleted on exit
            Environment:
              PHAROS_HOME                     data, logs and received email (default ./.pharos)
              PHAROS_API_PORT                 admin API port (default 8080)
              PHAROS_KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of the embedded broker
              PHAROS_DB_URL, PHAROS_DB_USER, PHAROS_DB_PASSWORD
                                              use this PostgreSQL (JDBC URL) instead of the embedded one
              PHAROS_PARTITIONS               partitions per topic the embedded broker creates (default 12)
              PHAROS_SMTP_HOST, PHAROS_SMTP_PORT
                                              send alerts through this SMTP server instead of the local sink
              PHAROS_JAVA_OPTS                JVM options for the services (default -Xmx384m -XX:+UseSerialGC)
              QUARKUS_*                       any service setting, passed through to the services""";

    public static LaunchSettings parse(String[] args, Map<String, String> env, Path workingDir) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command given");
        }
        Command command = switch (args[0]) {
            case "up" -> Command.UP;
            case "infra" -> Command.INFRA;
            case "help", "-h", "--help" -> Command.HELP;
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        };
        Path home = Path.of(env.getOrDefault("PHAROS_HOME", workingDir.resolve(".pharos").toString()));
        int apiPort = port("PHAROS_API_PORT", env.getOrDefault("PHAROS_API_PORT", "8080"));
        boolean temporary = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(value(args, ++i, "--home"));
                case "--port" -> apiPort = port("--port", value(args, ++i, "--port"));
                case "--temporary" -> temporary = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        String projectRoot = env.getOrDefault("PHAROS_PROJECT_ROOT", workingDir.toString());
        return new LaunchSettings(command, Path.of(projectRoot).toAbsolutePath(), home.toAbsolutePath().normalize(),
                temporary, apiPort, external(env), Optional.ofNullable(blankToNull(env.get("PHAROS_SMTP_HOST"))),
                port("PHAROS_SMTP_PORT", env.getOrDefault("PHAROS_SMTP_PORT", "25")));
    }

    private static Optional<Infrastructure.External> external(Map<String, String> env) {
        String kafka = blankToNull(env.get("PHAROS_KAFKA_BOOTSTRAP_SERVERS"));
        String db = blankToNull(env.get("PHAROS_DB_URL"));
        if (kafka == null && db == null) {
            return Optional.empty();
        }
        if (kafka == null || db == null) {
            throw new IllegalArgumentException("set both PHAROS_KAFKA_BOOTSTRAP_SERVERS and PHAROS_DB_URL to use an "
                    + "external Kafka and PostgreSQL, or neither for the embedded ones");
        }
        if (!db.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("PHAROS_DB_URL must be a JDBC URL such as "
                    + "jdbc:postgresql://db.example:5432/pharos, not '" + db + "'");
        }
        return Optional.of(new Infrastructure.External(kafka, db, env.getOrDefault("PHAROS_DB_USER", "pharos"),
                env.getOrDefault("PHAROS_DB_PASSWORD", "")));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String name, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, not '" + text + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
