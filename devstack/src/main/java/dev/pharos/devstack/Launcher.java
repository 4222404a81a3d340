package dev.pharos.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./pharos up}: runs Kafka, PostgreSQL and the three services on this machine until Ctrl-C.
 * {@code ./pharos infra}: runs only Kafka and PostgreSQL, for services started by hand (for example in dev mode).
 * See {@link LaunchSettings} for the environment variables.
 */
public final class Launcher {

    private final PrintStream out;
    private final LaunchSettings settings;
    private volatile boolean stopping;

    private Launcher(PrintStream out, LaunchSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    public static void main(String[] args) {
        LaunchSettings settings;
        try {
            settings = LaunchSettings.parse(args, System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("pharos: " + e.getMessage());
            System.err.println(LaunchSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings.command() == LaunchSettings.Command.HELP) {
            System.out.println(LaunchSettings.USAGE);
            return;
        }
        try {
            new Launcher(System.out, settings).run();
        } catch (RuntimeException | IOException e) {
            System.err.println("pharos: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws IOException {
        var stopped = new CountDownLatch(1);
        out.println("Starting Pharos ...");
        Infrastructure infra = settings.external().map(Infrastructure.class::cast).orElseGet(() ->
                settings.temporary() ? Devstack.startTemporary() : Devstack.startPersistent(settings.home()));
        // A temporary devstack lives in a folder of its own.
        Path home = infra instanceof Devstack devstack ? devstack.home() : settings.home();
        MailSink sink = null;
        PharosStack stack = null;
        try {
            if (settings.command() == LaunchSettings.Command.INFRA) {
                printInfra(infra, home);
            } else {
                String smtpHost = settings.smtpHost().orElse("127.0.0.1");
                int smtpPort;
                if (settings.smtpHost().isPresent()) {
                    smtpPort = settings.smtpPort();
                } else {
                    sink = MailSink.start(Ports.preferOrFree(2525), home.resolve("mail"), out);
                    smtpPort = sink.port();
                }
                stack = PharosStack.start(infra, new PharosStack.Options(settings.projectRoot(), home,
                        settings.apiPort(), smtpHost, smtpPort, AdminKey.loadOrCreate(home), Map.of()));
                printUp(infra, stack, sink, smtpHost, smtpPort, home);
            }
        } catch (RuntimeException e) {
            closeAll(stack, sink, infra);
            throw e;
        }
        PharosStack runningStack = stack;
        MailSink runningSink = sink;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            out.println("\nStopping Pharos ...");
            closeAll(runningStack, runningSink, infra);
            out.println(settings.temporary() ? "Stopped." : "Stopped. Data kept in " + home);
            stopped.countDown();
        }, "pharos-stop"));
        superviseUntilStopped(runningStack, stopped);
    }

    /** Returns when the JVM is shutting down; exits when a service dies on its own. */
    private void superviseUntilStopped(PharosStack stack, CountDownLatch stopped) {
        try {
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                if (stack == null || stopping) {
                    continue;
                }
                for (ServiceProcess service : stack.services()) {
                    if (!service.isAlive()) {
                        System.err.println("pharos: " + service.name() + " stopped unexpectedly; last lines of "
                                + service.logFile() + ":\n" + Processes.tail(service.logFile(), 30));
                        System.exit(1);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(PharosStack stack, MailSink sink, Infrastructure infra) {
        if (stack != null) {
            stack.close();
        }
        if (sink != null) {
            sink.close();
        }
        infra.close();
    }

    private void printUp(Infrastructure infra, PharosStack stack, MailSink sink, String smtpHost, int smtpPort,
                         Path home) {
        String api = "http://localhost:" + settings.apiPort();
        out.println();
        out.println("Pharos is up.");
        out.println("  Admin API:   " + api + "/api/v1/monitors   (Swagger UI: " + api + "/q/swagger-ui)");
        out.println("  Admin key:   in " + home.resolve(AdminKey.FILE) + ", e.g. curl -H \"Authorization: Bearer $(cat "
                + home.resolve(AdminKey.FILE) + ")\" " + api + "/api/v1/me");
        out.println("  Kafka:       " + infra.kafkaBootstrapServers());
        out.println("  PostgreSQL:  " + infra.jdbcUrl());
        out.println("  Email:       " + (sink != null
                ? "local SMTP sink on " + smtpHost + ":" + smtpPort + ", messages saved in " + sink.folder()
                : "SMTP server " + smtpHost + ":" + smtpPort));
        out.println("  Logs:        " + home.resolve("logs"));
        out.println("  Data:        " + home + (settings.external().isPresent() ? " (logs only)" : ""));
        for (ServiceProcess service : stack.services()) {
            out.printf("  %-18s pid %d, %s%n", service.name(), service.pid(), service.baseUrl());
        }
        out.println("Press Ctrl-C to stop.");
    }

    private void printInfra(Infrastructure infra, Path home) {
        out.println();
        out.println("Kafka and PostgreSQL are up. For services started by hand:");
        infra.serviceEnvironment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.println("  export " + e.getKey() + "=" + e.getValue()));
        out.println("Logs: " + home.resolve("logs"));
        out.println("Data: " + home);
        out.println("Press Ctrl-C to stop.");
    }

}
