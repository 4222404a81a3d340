package dev.pharos.notifier.channel;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request to a provider: a POST (URL, headers and the exact body bytes) or a GET. Secrets named with
 * {@link #secret} are removed from any error message about this request.
 */
public final class ProviderRequest {

    private final HttpMethod method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();
    private byte[] body = new byte[0];

    private ProviderRequest(HttpMethod method, String url) {
        this.method = method;
        this.url = url;
    }

    public static ProviderRequest post(String url) {
        return new ProviderRequest(HttpMethod.POST, url);
    }

    /** A GET of {@code url} with these query parameters, each encoded. */
    public static ProviderRequest get(String url, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(q -> urlEncode(q.getKey()) + "=" + urlEncode(q.getValue()))
                .collect(Collectors.joining("&"));
        return new ProviderRequest(HttpMethod.GET, encoded.isEmpty() ? url : url + "?" + encoded);
    }

    public ProviderRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A value that must never appear in a message about this request, such as a token in the URL. */
    public ProviderRequest secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
        return this;
    }

    public ProviderRequest body(String contentType, byte[] bytes) {
        headers.put("Content-Type", contentType);
        body = bytes.clone();
        return this;
    }

    public ProviderRequest body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public ProviderRequest json(JsonObject json) {
        return body("application/json", json.encode());
    }

    /** An {@code application/x-www-form-urlencoded} body, fields in the given order. */
    public ProviderRequest form(Map<String, String> fields) {
        return body("application/x-www-form-urlencoded", fields.entrySet().stream()
                .map(f -> urlEncode(f.getKey()) + "=" + urlEncode(f.getValue()))
                .collect(Collectors.joining("&")));
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public HttpMethod method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public byte[] body() {
        return body.clone();
    }

    public List<String> secrets() {
        return Collections.unmodifiableList(secrets);
    }
}
