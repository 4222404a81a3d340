package dev.pharos.checker.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the connections of checks, one per request, on the Vert.x event loops and its transport (epoll where
 * available): to an address already resolved and judged, so nothing is looked up here. For https the server's
 * certificate chain is verified against the trusted CAs and its name against the URL's host (as browsers do), and the
 * host name goes in SNI.
 *
 * <p>A check needs one request and one answer's head per connection, so the connection is a Netty channel with a
 * single handler of ours ({@link Exchange}) rather than a general HTTP client's: no pool per address, no HTTP codec,
 * no futures per step. This is most of why a checker does thousands of checks a second.
 */
final class Connector {

    private final Bootstrap bootstrap;
    private final SSLContext tls;

    /**
     * @param trust the CAs to trust; empty for the JDK's
     * @param connectLimitMs a safety net only: every check ends by its own deadline first, and hangs up then
     */
    Connector(Vertx vertx, Optional<TrustManagerFactory> trust, int connectLimitMs) {
        var internal = (VertxInternal) vertx;
        this.bootstrap = new Bootstrap()
                .group(internal.getEventLoopGroup())
                .channelFactory(internal.transport().channelFactory(false))
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectLimitMs)
                .option(ChannelOption.TCP_NODELAY, true);
        try {
            this.tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.map(TrustManagerFactory::getTrustManagers).orElse(null), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS client: " + e.getMessage(), e);
        }
    }

    /**
     * A new exchange, not yet connected: the check stores it first, so that it can hang it up whenever it ends.
     *
     * @param tlsHost the URL's host for https (verified against the certificate), null for plain http
     */
    Exchange prepare(String tlsHost, int port, boolean literalHost, Exchange.Listener listener) {
        return new Exchange(listener, tlsHost == null ? null : tlsHandler(tlsHost, port, literalHost));
    }

    /** Starts connecting {@code exchange} to {@code address}; its listener hears how it goes. */
    void connect(Exchange exchange, InetAddress address, int port) {
        ChannelFuture connecting = bootstrap.clone()
                .handler(exchange)
                .connect(new InetSocketAddress(address, port));
        exchange.attach(connecting.channel());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                exchange.connectFailed(done.cause());
            }
        });
    }

    private SslHandler tlsHandler(String urlHost, int port, boolean literalHost) {
        // "example.com." names the same host as "example.com", which is what certificates and SNI spell.
        String host = urlHost.endsWith(".") ? urlHost.substring(0, urlHost.length() - 1) : urlHost;
        SSLEngine engine = tls.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!literalHost) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        var handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(0); // the check's deadline bounds the handshake
        return handler;
    }
}
