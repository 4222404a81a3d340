package dev.pharos.notifier.service;

import dev.pharos.notifier.domain.AlertStateMachine;
import dev.pharos.notifier.domain.MonitorState;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import dev.pharos.notifier.repository.AlertRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends REMINDER notifications while incidents stay open. Every {@code remind-every} it claims the monitors whose
 * reminder is due with {@code FOR UPDATE SKIP LOCKED}, so two notifier replicas never take the same one, and in the
 * same transaction queues the reminder and plans the next. The reminder's idempotency key carries its sequence
 * number, stored with the plan, so a restart neither repeats nor loses one.
 */
@ApplicationScoped
public class ReminderService {

    private static final Logger LOG = Logger.getLogger(ReminderService.class);
    private static final int BATCH = 100;

    private final AlertRepository repository;
    private final NotificationQueue notifications;
    private final AlertSettings settings;

    public ReminderService(AlertRepository repository, NotificationQueue notifications, AlertSettings settings) {
        this.repository = repository;
        this.notifications = notifications;
        this.settings = settings;
    }

    @Scheduled(every = "${pharos.notifier.remind-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void remindDue() {
        try {
            int claimed;
            do {
                claimed = QuarkusTransaction.requiringNew().call(() -> sendDue(Instant.now()));
            } while (claimed == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("sending reminders failed, retrying on the next tick: %s", e.getMessage());
        }
    }

    /** In a transaction: handles up to one batch of due reminders; returns how many monitors it claimed. */
    int sendDue(Instant now) {
        List<MonitorState> due = repository.claimDueReminders(now, BATCH);
        for (MonitorState state : due) {
            WatchedMonitor monitor = WatchedMonitor.findById(state.monitorId);
            if (monitor == null) {
                state.nextReminderAt = null;
                continue;
            }
            var rules = monitor.alertRules(settings.flapping(), settings.reminderMinute());
            var reminder = AlertStateMachine.remind(state.alert(List.of()), rules, now);
            state.set(reminder.next(), now);
            if (reminder.sequence() > 0 && state.openIncidentId != null) {
                LOG.infof("reminding about incident %s of monitor %s (reminder %d)", state.openIncidentId,
                        monitor.monitorId, reminder.sequence());
                notifications.queue(state.openIncidentId, Transition.REMINDER, reminder.sequence(), monitor, null,
                        null, now);
            }
        }
        return due.size();
    }
}
