package dev.pharos.faults;

import dev.pharos.devstack.Mailbox;
import dev.pharos.devstack.TwilioStandIn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the owner received, as the owner sees it: the emails the SMTP server accepted and the SMS the Twilio
 * stand-in accepted, each reduced to (monitor, what it says, channel), in the order they arrived.
 */
final class Notifications {

    /** One notification received. */
    record Notice(String monitor, String says, String channel) {
    }

    /** Against the timetable: each outage owes exactly DOWN then RECOVERED on each channel. */
    record Tally(int lost, int doubled, int outOfOrder, int spurious, List<String> problems) {

        boolean clean() {
            return lost == 0 && doubled == 0 && outOfOrder == 0 && spurious == 0;
        }
    }

    static final List<String> CHANNELS = List.of("email", "sms");
    private static final Pattern TEXT = Pattern.compile(
            "^\\[Pharos] (DOWN|RECOVERED|STILL DOWN|FLAPPING|TEST)(?:: | )(fault-\\d{3})\\b.*", Pattern.DOTALL);

    private Notifications() {
    }

    /** Everything received so far. */
    static List<Notice> received(Mailbox mailbox, TwilioStandIn sms) {
        var notices = new ArrayList<Notice>();
        mailbox.all().forEach(mail -> notices.add(notice(mail.subject(), "email")));
        sms.messages().forEach(message -> notices.add(notice(message.body(), "sms")));
        return notices;
    }

    private static Notice notice(String text, String channel) {
        Matcher m = TEXT.matcher(text);
        return m.matches() ? new Notice(m.group(2), m.group(1), channel) : new Notice("?", text, channel);
    }

    /** Whether each of these monitors has had its DOWN and its RECOVERED on every channel (doubles aside). */
    static boolean complete(List<Notice> received, Collection<String> outages) {
        return tally(received, outages, Set.copyOf(outages)).lost() == 0;
    }

    /**
     * @param outages     monitors that had one outage: each owes DOWN then RECOVERED on each channel, once
     * @param concerned   every monitor to look at; those not among the outages owe nothing
     */
    static Tally tally(List<Notice> received, Collection<String> outages, Collection<String> concerned) {
        int lost = 0;
        int doubled = 0;
        int outOfOrder = 0;
        int spurious = 0;
        var problems = new ArrayList<String>();
        for (String monitor : concerned) {
            for (String channel : CHANNELS) {
                List<String> said = received.stream()
                        .filter(n -> n.monitor().equals(monitor) && n.channel().equals(channel))
                        .map(Notice::says).toList();
                if (!outages.contains(monitor)) {
                    spurious += said.size();
                    note(problems, !said.isEmpty(), monitor + " " + channel + ": " + said + ", expected nothing");
                    continue;
                }
                long down = said.stream().filter("DOWN"::equals).count();
                long recovered = said.stream().filter("RECOVERED"::equals).count();
                int lostHere = (down == 0 ? 1 : 0) + (recovered == 0 ? 1 : 0);
                int doubledHere = (int) (Math.max(0, down - 1) + Math.max(0, recovered - 1));
                int otherHere = (int) (said.size() - down - recovered);
                boolean misordered = down > 0 && recovered > 0 && said.indexOf("RECOVERED") < said.indexOf("DOWN");
                lost += lostHere;
                doubled += doubledHere;
                spurious += otherHere;
                outOfOrder += misordered ? 1 : 0;
                note(problems, lostHere + doubledHere + otherHere > 0 || misordered,
                        monitor + " " + channel + ": " + said + ", expected [DOWN, RECOVERED]");
            }
        }
        received.stream().filter(n -> n.monitor().equals("?"))
                .forEach(n -> note(problems, true, "unreadable " + n.channel() + ": " + n.says()));
        return new Tally(lost, doubled, outOfOrder, spurious, List.copyOf(problems));
    }

    private static void note(List<String> problems, boolean problem, String description) {
        if (problem && problems.size() < 10) {
            problems.add(description);
        }
    }
}
