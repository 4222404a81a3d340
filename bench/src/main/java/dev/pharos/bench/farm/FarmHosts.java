package dev.pharos.bench.farm;

import java.util.OptionalInt;

/**
 * The farm's hosts, numbered from 0: host {@code i} is a loopback address in 127.1.0.0/16 (even {@code i}) or
 * 127.2.0.0/16 (odd {@code i}), and its behaviour follows from its number alone, so the farm (which sees only the
 * local address a connection arrived at) and the benchmark (which builds the URLs) agree without sharing state.
 */
public final class FarmHosts {

    /** Hosts per /16 network: third octet 0–255, fourth octet 1–250. */
    private static final int PER_NETWORK = 256 * 250;
    /** Two /16 networks. */
    public static final int MAX_HOSTS = 2 * PER_NETWORK;

    private FarmHosts() {
    }

    /** The address of host {@code index}, for example {@code 127.1.0.1} for host 0 and {@code 127.2.0.1} for host 1. */
    public static String address(int index) {
        if (index < 0 || index >= MAX_HOSTS) {
            throw new IllegalArgumentException("host index must be 0-" + (MAX_HOSTS - 1) + ", not " + index);
        }
        int network = 1 + index % 2;
        int k = index / 2;
        return "127." + network + "." + k / 250 + "." + (1 + k % 250);
    }

    /** The host number of a farm address, or empty when the address is not one of the farm's. */
    public static OptionalInt index(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4 || !octets[0].equals("127")) {
            return OptionalInt.empty();
        }
        try {
            int network = Integer.parseInt(octets[1]);
            int third = Integer.parseInt(octets[2]);
            int fourth = Integer.parseInt(octets[3]);
            if (network < 1 || network > 2 || third < 0 || third > 255 || fourth < 1 || fourth > 250) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(2 * (third * 250 + fourth - 1) + network - 1);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** What host {@code index} does: its position in its block of 100 decides. */
    public static Behaviour behaviour(int index) {
        return Behaviour.ofSlot(index % 100);
    }

    /** Where a {@link Behaviour#MOVED} host redirects to: the first host of its block of 100, which answers 200. */
    public static int redirectTarget(int index) {
        return index - index % 100;
    }
}
