package dev.pharos.checker.http;

/** The target resolved to an address the checker refuses to contact; nothing was sent. */
public class SsrfBlockedException extends RuntimeException {

    public SsrfBlockedException(String host, String reason) {
        super("refused to connect to " + host + ": " + reason, null, false, false);
    }
}
