package dev.pharos.contracts;

/**
 * Where a monitor's alerts go.
 *
 * @param channel the channel kind, for example {@code email}
 * @param target  the channel's address, for example an email address
 */
public record Contact(String channel, String target) {

    public static Contact email(String address) {
        return new Contact("email", address);
    }
}
