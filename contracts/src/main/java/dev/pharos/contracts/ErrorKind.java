package dev.pharos.contracts;

/** Why a check got no usable answer, or got an unexpected one. */
public enum ErrorKind {
    /** The host name did not resolve. */
    DNS,
    /** The target actively refused the TCP connection. */
    CONNECT_REFUSED,
    /** No TCP connection within the timeout. */
    CONNECT_TIMEOUT,
    /** The TLS handshake failed (untrusted, expired or mismatched certificate, protocol mismatch). */
    TLS,
    /** Connected, but the whole check did not finish within the monitor's timeout. */
    TIMEOUT,
    /** The target resolved to an address the checker refuses to contact. */
    SSRF_BLOCKED,
    /** The peer spoke something that is not valid HTTP, or closed the connection mid-answer. */
    PROTOCOL,
    /** An HTTP answer arrived, but its status is not in the monitor's expected set. */
    UNEXPECTED_STATUS
}
