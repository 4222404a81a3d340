package dev.pharos.faults;

import static org.awaitility.Awaitility.await;

import dev.pharos.devstack.Processes;
import dev.pharos.devstack.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

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
            return restart(stack.devstack.kafka()::stop, stack.devstack.kafka()::start);
        }
    },
    POSTGRES_RESTART("PostgreSQL restart, down 15 s", false) {
        @Override
        Instant inject(FaultStack stack) {
            return restart(stack.devstack.postgres()::stop, stack.devstack.postgres()::start);
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
            return killAndRestart(stack, NOTIFIER);
        }
    },
    KILL_NOTIFIER_MID_SEND("kill -9 notifier between a provider's acceptance and its record", false) {
        /** Armed before the group's site fails: the notifier is restarted with the fault point set. */
        @Override
        void prepare(FaultStack stack) {
            var armed = new HashMap<>(stack.notifierEnv);
            armed.put("PHAROS_NOTIFIER_FAULT_HALT_AT", "after-provider-accepted");
            stack.pharos.restart(NOTIFIER, armed);
        }

        /**
         * The notifier halts (as {@code kill -9}, exit code 137) once a provider accepted the first notification of
         * the group's outage, before recording it; it is started again at once, unarmed.
         */
        @Override
        Instant inject(FaultStack stack) {
            ServiceProcess victim = stack.pharos.service(NOTIFIER);
            await().atMost(Duration.ofSeconds(90)).until(() -> !victim.isAlive());
            Instant killed = Instant.now();
            if (victim.exitCode().orElseThrow() != 137) {
                throw new AssertionError(NOTIFIER + " ended with " + victim.exitCode() + ", not at its fault point");
            }
            stack.pharos.restart(NOTIFIER, stack.notifierEnv);
            return killed;
        }
    },
    SMTP_DOWN("SMTP server down 40 s", true) {
        @Override
        Instant inject(FaultStack stack) {
            return outage(stack.mailbox::takeDown, stack.mailbox::bringBack);
        }
    },
    SMS_DOWN("SMS provider down (503) 40 s", true) {
        @Override
        Instant inject(FaultStack stack) {
            return outage(stack.sms::takeDown, stack.sms::bringBack);
        }
    };

    private static final String NOTIFIER = "notifier-service";

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

    /** Called before the group's site fails; most faults need nothing beforehand. */
    void prepare(FaultStack stack) {
    }

    String description() {
        return description;
    }

    /** A provider's outage: notifications wait for it, checks do not. */
    boolean provider() {
        return provider;
    }

    /** Stops the broker or the database, keeps it down 15 s, starts it on the same data; returns when it started. */
    private static Instant restart(Runnable stop, Runnable start) {
        stop.run();
        Processes.pause(Duration.ofSeconds(15));
        Instant back = Instant.now();
        start.run();
        return back;
    }

    /** A provider down for 40 s, then back; returns when it is back. */
    private static Instant outage(Runnable down, Runnable back) {
        down.run();
        try {
            Processes.pause(Duration.ofSeconds(40));
        } finally {
            back.run();
        }
        return Instant.now();
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
