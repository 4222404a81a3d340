package dev.pharos.bench;

import dev.pharos.bench.farm.Behaviour;
import dev.pharos.bench.farm.FarmHosts;

/**
 * Which URL check number {@code n} asks for: host {@code n % hosts} of the farm, at the farm's port, or at the refused
 * port for a {@link Behaviour#REFUSED} host. With the host count a multiple of 100 and the check count a multiple of
 * the host count, every behaviour gets exactly its share of the checks.
 */
public final class Targets {

    /** One check's target: its URL, what the host does, and the URL a correct check ends at (null when none). */
    public record Target(String url, Behaviour behaviour, String finalUrl) {
    }

    private final int hosts;
    private final int farmPort;
    private final int refusedPort;

    public Targets(int hosts, int farmPort, int refusedPort) {
        if (hosts <= 0 || hosts % 100 != 0 || hosts > FarmHosts.MAX_HOSTS) {
            throw new IllegalArgumentException("hosts must be a positive multiple of 100 up to " + FarmHosts.MAX_HOSTS
                    + ", not " + hosts);
        }
        this.hosts = hosts;
        this.farmPort = farmPort;
        this.refusedPort = refusedPort;
    }

    public Target forCheck(int n) {
        int host = n % hosts;
        Behaviour behaviour = FarmHosts.behaviour(host);
        String url = url(host, behaviour == Behaviour.REFUSED ? refusedPort : farmPort);
        String finalUrl = switch (behaviour) {
            case OK -> url;
            case MOVED -> url(FarmHosts.redirectTarget(host), farmPort);
            default -> null;
        };
        return new Target(url, behaviour, finalUrl);
    }

    public int hosts() {
        return hosts;
    }

    private static String url(int host, int port) {
        return "http://" + FarmHosts.address(host) + ":" + port + "/";
    }
}
