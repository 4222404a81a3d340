package dev.pharos.notifier.channel;

import dev.pharos.notifier.config.NotifierConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends the HTTP channels' requests with the Vert.x WebClient, each within its channel's time limit. The delivery
 * worker runs on a worker thread, so the answer is awaited there. A non-2xx answer is a failure whose message has
 * the status and the start of the body; no message ever carries the request's secrets or its URL's path.
 */
@ApplicationScoped
public class ProviderClient {

    static final int EXCERPT_LENGTH = 200;

    private final WebClient client;
    private final NotifierConfig config;

    public ProviderClient(Vertx vertx, NotifierConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("Pharos-Notifier")
                .setFollowRedirects(false));
        this.config = config;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** @throws ChannelException when the provider could not be reached in time or did not answer 2xx */
    public void post(String kind, ProviderRequest request) throws ChannelException {
        exchange(kind, request);
    }

    /**
     * Sends the request (a GET, to ask the provider something) and returns the answer's body as text.
     *
     * @throws ChannelException when the provider could not be reached in time or did not answer 2xx
     */
    public String fetch(String kind, ProviderRequest request) throws ChannelException {
        Buffer body = exchange(kind, request).body();
        return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }

    private HttpResponse<Buffer> exchange(String kind, ProviderRequest request) throws ChannelException {
        Duration timeout = config.timeoutOf(kind);
        URI uri = URI.create(request.url());
        HttpRequest<Buffer> http = client.requestAbs(request.method(), request.url()).timeout(timeout.toMillis());
        request.headers().forEach(http::putHeader);
        HttpResponse<Buffer> response;
        try {
            // The request's own timeout normally fires first; this bounds the wait should it not.
            response = http.sendBuffer(Buffer.buffer(request.body())).await().atMost(timeout.plusSeconds(1));
        } catch (RuntimeException e) {
            throw new ChannelException(kind + ": " + describe(e, uri, timeout, request), timedOut(e));
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String body = response.body() == null ? "" : response.body().toString(StandardCharsets.UTF_8);
            throw new ChannelException(kind + ": HTTP " + status + " from " + uri.getHost()
                    + excerpt(body, request, uri));
        }
        return response;
    }

    /** Whether the request failed for want of an answer in time (it may have been sent and accepted). */
    private static boolean timedOut(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TimeoutException || e instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure, URI uri, Duration timeout, ProviderRequest request) {
        Throwable e = failure;
        while (e.getCause() != null && e.getCause() != e && !(e instanceof TimeoutException)) {
            if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof SSLException) {
                break;
            }
            e = e.getCause();
        }
        String host = uri.getHost();
        if (e instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException) {
            return "no answer from " + host + " within " + timeout.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + host;
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + host;
        }
        if (e instanceof SSLException) {
            return "TLS failed with " + host;
        }
        String message = e.getMessage() == null ? "" : ": " + redact(e.getMessage(), request, uri);
        return e.getClass().getSimpleName() + " talking to " + host + Texts.cut(message, EXCERPT_LENGTH);
    }

    /** {@code : <start of the body>}, on one line, without secrets; empty for an empty body. */
    private static String excerpt(String body, ProviderRequest request, URI uri) {
        String oneLine = redact(body, request, uri).replaceAll("\\s+", " ").trim();
        return oneLine.isEmpty() ? "" : ": " + Texts.cut(oneLine, EXCERPT_LENGTH);
    }

    /** Removes the request's secrets and its URL's path and query, which may hold a token (Telegram, Slack). */
    static String redact(String text, ProviderRequest request, URI uri) {
        // The path first: once a secret inside it is replaced, the path would no longer be found whole.
        var hidden = new ArrayList<String>();
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            hidden.add(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            hidden.add(uri.getRawQuery());
        }
        hidden.addAll(request.secrets());
        String result = text;
        for (String secret : hidden) {
            result = result.replace(secret, "***");
            String encoded = ProviderRequest.urlEncode(secret);
            if (!encoded.equals(secret)) {
                result = result.replace(encoded, "***");
            }
        }
        return result;
    }
}
