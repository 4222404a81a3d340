package dev.pharos.checker.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the checker may connect to an address. Refused unless allowed by configuration: loopback, private
 * (RFC 1918), link-local (169.254.0.0/16 with the cloud metadata endpoints, fe80::/10), carrier-grade NAT
 * (100.64.0.0/10), IPv6 unique-local (fc00::/7), multicast, broadcast and unspecified addresses; an IPv4-mapped IPv6
 * address is judged as the IPv4 address it carries. The checker judges the resolved address it then connects to, so
 * a DNS answer that changes between check and connect (rebinding) cannot slip through.
 */
public final class TargetGuard {

    private final boolean allowPrivate;
    private final List<Cidr> allowed;

    /**
     * @param allowPrivate  allow every address (the devstack and tests of local targets)
     * @param allowedRanges CIDR ranges allowed despite the rules, for example an intranet's {@code 10.20.0.0/16}
     */
    public TargetGuard(boolean allowPrivate, List<String> allowedRanges) {
        this.allowPrivate = allowPrivate;
        this.allowed = allowedRanges.stream().map(Cidr::parse).toList();
    }

    /** Why the address is refused, or empty when the checker may connect to it. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate || allowed.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return Optional.ofNullable(forbiddenKind(address)).map(kind -> address.getHostAddress() + " is " + kind);
    }

    static String forbiddenKind(InetAddress address) {
        InetAddress judged = unmapped(address);
        byte[] b = judged.getAddress();
        if (judged.isAnyLocalAddress() || (judged instanceof Inet4Address && (b[0] & 0xff) == 0)) {
            return "an unspecified address";
        }
        if (judged.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (judged.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (judged.isMulticastAddress()) {
            return "a multicast address";
        }
        if (judged instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return "a private address";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "a carrier-grade NAT address";
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return "the broadcast address";
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return "a unique-local IPv6 address";
        } else if (judged.isSiteLocalAddress()) {
            return "a site-local IPv6 address";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else the address itself. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }

    /** An address range such as {@code 10.20.0.0/16} or {@code fd00::/8}. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            // Literal addresses only: a host name here would be resolved once, at start, and go stale.
            if (!parts[0].matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw new IllegalArgumentException("not an address range: '" + text + "'");
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("not an address range: '" + text + "'");
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: '" + text + "'", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
