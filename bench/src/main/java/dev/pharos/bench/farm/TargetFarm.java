package dev.pharos.bench.farm;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The target farm: one TCP listener on {@code 0.0.0.0:<port>} that answers each connection according to the
 * loopback address it arrived at ({@link FarmHosts}). It reads the request head, writes a fixed HTTP/1.1 answer with
 * {@code Connection: close} and no body, and closes; a {@link Behaviour#NEVER} host reads and never answers.
 * It speaks just enough HTTP for HEAD and GET requests without a body, which is all the checker and wrk send.
 *
 * <p>Run as its own JVM ({@link #main}) so its CPU time is measured apart from the checker's.
 */
public final class TargetFarm extends AbstractVerticle {

    private final int port;

    public TargetFarm(int port) {
        this.port = port;
    }

    /** {@code TargetFarm <port> [event loops]}: serves until the process is stopped. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TargetFarm <port> [event loops]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int eventLoops = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        deploy(vertx, port, eventLoops).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("target farm listening on 0.0.0.0:" + port + " with " + eventLoops + " event loops");
    }

    /** Deploys one listener per event loop on the same port; Vert.x spreads the connections over them. */
    public static io.vertx.core.Future<String> deploy(Vertx vertx, int port, int instances) {
        return vertx.deployVerticle(() -> new TargetFarm(port), new DeploymentOptions().setInstances(instances));
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createNetServer(new NetServerOptions().setHost("0.0.0.0").setPort(port).setAcceptBacklog(8192)
                        .setTcpNoDelay(true))
                .connectHandler(this::serve)
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void serve(NetSocket socket) {
        String local = socket.localAddress().host();
        var index = FarmHosts.index(local);
        var head = new RequestHeadEnd();
        socket.exceptionHandler(e -> socket.close());
        socket.handler(chunk -> {
            if (!head.feed(chunk)) {
                return;
            }
            if (index.isEmpty()) {
                socket.end(answer(421, "Misdirected Request", null));
                return;
            }
            Behaviour behaviour = FarmHosts.behaviour(index.getAsInt());
            switch (behaviour) {
                case NEVER -> socket.handler(ignored -> { });  // hold the connection, read and drop the rest
                case MOVED -> socket.end(answer(301, "Moved Permanently",
                        "http://" + FarmHosts.address(FarmHosts.redirectTarget(index.getAsInt())) + ":" + port + "/"));
                case OK -> socket.end(answer(200, "OK", null));
                case UNAVAILABLE -> socket.end(answer(503, "Service Unavailable", null));
                case NOT_FOUND -> socket.end(answer(404, "Not Found", null));
                // A refused host's URL names another port; a connection here means a wrong URL.
                case REFUSED -> socket.end(answer(421, "Misdirected Request", null));
                default -> throw new IllegalStateException("unhandled " + behaviour);
            }
        });
    }

    private static Buffer answer(int status, String reason, String location) {
        var text = new StringBuilder(128).append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        if (location != null) {
            text.append("Location: ").append(location).append("\r\n");
        }
        text.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        return Buffer.buffer(text.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
