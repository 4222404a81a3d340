package dev.pharos.checker.http;

import dev.pharos.contracts.ErrorKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Names why a check got no answer, from the exception its resolver, connection or TLS engine raised. */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static ErrorKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            if (t instanceof PhaseTimeoutException timeout) {
                return timeout.kind();
            }
            if (t instanceof SsrfBlockedException) {
                return ErrorKind.SSRF_BLOCKED;
            }
            if (t instanceof UnknownHostException) {
                return ErrorKind.DNS;
            }
            if (type.endsWith("ConnectTimeoutException")) {
                return ErrorKind.CONNECT_TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return ErrorKind.CONNECT_REFUSED;
            }
            if (t instanceof SSLException) {
                return ErrorKind.TLS;
            }
            if (t instanceof TimeoutException || type.endsWith("TimeoutException")) {
                return ErrorKind.TIMEOUT;
            }
        }
        return ErrorKind.PROTOCOL;
    }

    /** A short, single-line explanation for humans. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
