package dev.pharos.contracts;

/**
 * How long the phases of a check's last hop took, in milliseconds; a phase that did not happen or was not reached is
 * null (an IP literal needs no lookup; a refused connection has no first byte).
 *
 * @param dnsMs       resolving the host name
 * @param connectMs   opening the TCP connection
 * @param tlsMs       the TLS handshake, certificate verification included (https only)
 * @param firstByteMs from the request being sent to the response's status line and headers
 */
public record CheckTimings(Long dnsMs, Long connectMs, Long tlsMs, Long firstByteMs) {
}
