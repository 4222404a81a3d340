package dev.pharos.faults;

import static org.awaitility.Awaitility.await;

import dev.pharos.devstack.Processes;
import dev.pharos.devstack.ServiceProcess;
import java.time.Duration;
import java.time.Instant;

/**
 * The faults, injected one at a time. {@link #inject} returns when the fault is over: the broker or database started
 * again on the same data, the killed process started again (as a supervisor would; the others are never touched), or
 * the provider back. Broker and database restarts leave the services alone: they must find their way back by
 * themselves.
 */
enum Fault {

    BROKER_RESTART("Kafka broker restart, down 15 s", false) {
        @Override
        Instant inject(FaultStack stack) {
            stack.devstack.kafka().stop();
            downFor(Duration.ofSeconds(15));
            Instant back = Instant.now();
            stack.devstack.kafka().start();
            return back;
        }
    },
    POSTGRES_RESTART("PostgreSQL restart, down 15 s", false) {
        @Override
        Instant inject(FaultStack stack) {
            stack.devstack.postgres().stop();
            downFor(Duration.ofSeconds(15));
            Instant back = Instant.now();
            stack.devstack.postgres().start();
            return back;
        }
    },
    KILL_SCHEDULER("kill -9 scheduler", false) {
        @Override
        Instant inject(FaultStack stack) {
            return killAndRestart(stack, "scheduler-service");
        }
    },
    KILL_CHECKER("kill -9 one of 3 checkers", false) {
        @Override
        Instant inject(FaultStack stack) {
            return killAndRestart(stack, FaultStack.CHECKERS.get(0));
        }
    },
    KILL_NOTIFIER("kill -9 notifier", false) {
        @Override
        Instant inject(FaultStack stack) {
            return killAndRestart(stack, "notifier-service");
        }
    },
    SMTP_DOWN("SMTP server down 40 s", true) {
        @Override
        Instant inject(FaultStack stack) {
            stack.mailbox.takeDown();
            try {
                downFor(Duration.ofSeconds(40));
            } finally {
                stack.mailbox.bringBack();
            }
            return Instant.now();
        }
    },
    SMS_DOWN("SMS provider down (503) 40 s", true) {
        @Override
        Instant inject(FaultStack stack) {
            stack.sms.takeDown();
            try {
                downFor(Duration.ofSeconds(40));
            } finally {
                stack.sms.bringBack();
            }
            return Instant.now();
        }
    };

    private final String description;
    private final boolean provider;

    Fault(String description, boolean provider) {
        this.description = description;
        this.provider = provider;
    }

    /**
     * Injects the fault and returns once it is over, with the moment the failed part was started again: the broker,
     * the database or the killed service (at once: the kill) or the provider's return.
     */
    abstract Instant inject(FaultStack stack);

    String description() {
        return description;
    }

    /** A provider's outage: notifications wait for it, checks do not. */
    boolean provider() {
        return provider;
    }

    /** The fault itself: a part of the system stays down this long. */
    private static void downFor(Duration duration) {
        Processes.pause(duration);
    }

    /** SIGKILL, then a new process of the same service, as Kubernetes would start one; waits until it is ready. */
    private static Instant killAndRestart(FaultStack stack, String name) {
        ServiceProcess victim = stack.pharos.service(name);
        Instant killed = Instant.now();
        Processes.signal(victim.pid(), "KILL");
        await().atMost(Duration.ofSeconds(10)).until(() -> !victim.isAlive());
        if (victim.exitCode().orElseThrow() != 137) {
            throw new AssertionError(name + " ended with " + victim.exitCode() + ", not by SIGKILL (137)");
        }
        stack.pharos.restart(name);
        return killed;
    }
}
