package dev.pharos.bench.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** The monitored site: a real HTTP server on loopback whose answer the benchmark switches between 200 and 503. */
public final class SwitchableSite implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);

    private SwitchableSite(HttpServer server) {
        this.server = server;
    }

    public static SwitchableSite start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            var site = new SwitchableSite(server);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(site.status.get(), -1);
                exchange.close();
            });
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the site", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
