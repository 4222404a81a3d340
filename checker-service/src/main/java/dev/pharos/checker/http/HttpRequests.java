package dev.pharos.checker.http;

import dev.pharos.contracts.HttpMethod;
import java.net.URI;

/** What a check's requests say, and where a redirect sends the next one. */
final class HttpRequests {

    private HttpRequests() {
    }

    /**
     * Where a redirect leads: {@code location} resolved against the URL that answered it. A URL without a path has the
     * path {@code /} here, as in its request line ({@link URI#resolve} would otherwise glue a relative location to
     * the host name).
     *
     * @throws IllegalArgumentException when the location is not a URI reference
     */
    static URI redirectTarget(URI answered, String location) {
        URI base = answered.getRawPath() == null || answered.getRawPath().isEmpty() ? answered.resolve("/") : answered;
        return base.resolve(location);
    }

    /**
     * The head of a request: request line, Host, the headers, and {@code Connection: close} (one request per
     * connection). A check sends no body. The path and query go percent-encoded (UTF-8), so the request line is
     * printable ASCII whatever the URL holds.
     *
     * @throws IllegalArgumentException when the target or Host would not be printable ASCII all the same
     */
    static String head(HttpMethod method, URI uri, String headerLines) {
        URI ascii = printableAscii(uri.toString()) ? uri : URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        if (!printableAscii(target) || !printableAscii(authority)) {
            throw new IllegalArgumentException("cannot send a request for " + uri.toASCIIString());
        }
        return method.name() + " " + target + " HTTP/1.1\r\nHost: " + authority + "\r\n" + headerLines
                + "Connection: close\r\n\r\n";
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) <= 0x20 || text.charAt(i) >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
