package dev.pharos.contracts;

/** The HTTP method a check uses. */
public enum HttpMethod {
    HEAD,
    GET
}
