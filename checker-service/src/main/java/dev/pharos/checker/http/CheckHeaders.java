package dev.pharos.checker.http;

import dev.pharos.contracts.CheckRequested;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The request headers of one check, and which of them each hop gets.
 *
 * <ul>
 *   <li><b>Ours first:</b> every request carries {@code User-Agent: Pharos/<version>} and {@code Accept: *}{@code /*}.
 *       A monitor's header of the same name, in any letter case, replaces ours.</li>
 *   <li><b>Never the monitor's:</b> Host, the message framing (Content-Length, Transfer-Encoding), and the hop-by-hop
 *       headers (Connection, Keep-Alive, Proxy-Connection, Upgrade, TE, Trailer, Expect, Proxy-Authorization,
 *       HTTP2-Settings) are the checker's to set. The scheduler refuses them already; a request that carries one
 *       anyway has it left out, as has a header whose name is not a token or whose value holds control characters.
 *       Each is logged at debug, by name only: values may be secrets.</li>
 *   <li><b>Credentials stay with their origin</b> (scheme, host and port of the monitor's URL). Authorization, Cookie,
 *       and any header whose name contains {@code auth}, {@code cookie}, {@code token}, {@code key}, {@code secret},
 *       {@code session}, {@code password}, {@code credential} or {@code signature} (X-Api-Key, X-Auth-Token, ...) go
 *       to every hop within that origin, redirects included, but not to a redirect that leaves it, nor to any hop
 *       after that, even one that leads back (as browsers do). The other headers go to every hop. The GET sent after
 *       a HEAD refused with 405 or 501 starts again from the monitor's URL, so it carries them again.</li>
 * </ul>
 */
final class CheckHeaders {

    private static final Logger LOG = Logger.getLogger(CheckHeaders.class);

    private static final Set<String> CHECKERS_OWN = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer", "expect",
            "proxy-authorization", "http2-settings");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Visible ASCII, space, tab and obs-text (sent as ISO-8859-1 bytes); never CR, LF or other controls. */
    private static final Pattern VALUE = Pattern.compile("[\\t\\x20-\\x7E\\x80-\\xFF]*");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "auth|cookie|token|key|secret|session|password|credential|signature", Pattern.CASE_INSENSITIVE);

    /** Every header of the first hop, by name in any letter case. */
    private final Map<String, String> all;
    /** The same without credentials, for hops outside the monitor's origin. */
    private final Map<String, String> withoutCredentials;
    /** The two as the lines of a request head, each ending in CRLF. */
    private final String allLines;
    private final String linesWithoutCredentials;

    private CheckHeaders(Map<String, String> all) {
        this.all = Collections.unmodifiableMap(all);
        var rest = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        all.forEach((name, value) -> {
            if (!isCredential(name)) {
                rest.put(name, value);
            }
        });
        this.withoutCredentials = Collections.unmodifiableMap(rest);
        this.allLines = lines(this.all);
        this.linesWithoutCredentials = lines(this.withoutCredentials);
    }

    private static String lines(Map<String, String> headers) {
        var text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        return text.toString();
    }

    /** Our own headers only: those of every check whose monitor asks for none. */
    static CheckHeaders ours(String userAgent) {
        return new CheckHeaders(defaults(userAgent));
    }

    private static TreeMap<String, String> defaults(String userAgent) {
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.put("User-Agent", userAgent);
        headers.put("Accept", "*/*");
        return headers;
    }

    /** Our defaults with the monitor's headers over them, less those the checker must set itself. */
    static CheckHeaders of(CheckRequested request, String userAgent) {
        var headers = defaults(userAgent);
        new TreeMap<>(request.requestHeaders()).forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches() || !VALUE.matcher(value).matches()) {
                LOG.debugf("check %s of monitor %s: request header %s left out, it cannot be sent as it is",
                        request.checkId(), request.monitorId(), name);
            } else if (CHECKERS_OWN.contains(name.toLowerCase(Locale.ROOT))) {
                LOG.debugf("check %s of monitor %s: request header %s left out, the checker sets it itself",
                        request.checkId(), request.monitorId(), name);
            } else {
                headers.remove(name); // the monitor's spelling of the name, not ours
                headers.put(name, value);
            }
        });
        return new CheckHeaders(headers);
    }

    /** The headers of a hop: all of them while the chain has stayed within the monitor's origin. */
    Map<String, String> forHop(boolean withinOrigin) {
        return withinOrigin ? all : withoutCredentials;
    }

    /** {@link #forHop} as the lines of a request head, each ending in CRLF (names and values are checked above). */
    String linesForHop(boolean withinOrigin) {
        return withinOrigin ? allLines : linesWithoutCredentials;
    }

    static boolean isCredential(String name) {
        return CREDENTIAL.matcher(name).find();
    }

    /** Whether two absolute http(s) URLs have one origin: the same scheme, host and port (default ports filled in). */
    static boolean sameOrigin(URI a, URI b) {
        return scheme(a).equals(scheme(b)) && host(a).equals(host(b)) && port(a) == port(b);
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : scheme(uri).equals("https") ? 443 : 80;
    }
}
