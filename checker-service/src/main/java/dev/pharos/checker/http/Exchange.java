package dev.pharos.checker.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.ProtocolException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One connection of a check, from connecting to hanging up: TCP (and TLS) established, one request written, the
 * answer's head read ({@link ResponseHead}), closed. A body is never read. The {@link Listener} hears of each step on
 * the connection's event loop; {@link #abort()} may be called from any thread, before or after the connection exists.
 */
final class Exchange extends ChannelInboundHandlerAdapter {

    /** What a check hears of its connection, on the connection's event loop; after an answer or a failure, nothing. */
    interface Listener {

        /** The TCP connection is open (for https the TLS handshake begins). */
        void opened(boolean tls);

        /** Connected (and for https the server's certificate verified): the request may be sent. */
        void connected(Exchange exchange);

        void answered(ResponseHead head);

        void failed(Throwable cause);
    }

    private final Listener listener;
    /** Null for plain http. */
    private final SslHandler tls;
    private volatile Channel channel;
    private volatile boolean aborted;
    /** The bytes of the answer so far; event loop only, as the fields below. */
    private ByteBuf received;
    /** Whether {@link #received} is a buffer of ours that grows, rather than the first read's. */
    private boolean cumulating;
    private boolean over;
    private Instant certificateExpiry;

    Exchange(Listener listener, SslHandler tls) {
        this.listener = listener;
        this.tls = tls;
    }

    /**
     * The connection being opened for this exchange, as soon as either side knows it (the opener, or the channel as it
     * registers); an exchange aborted before then closes it at once.
     */
    void attach(Channel opening) {
        channel = opening;
        if (aborted) {
            opening.close();
        }
    }

    /** When the server's certificate expires; null for plain http. */
    Instant certificateExpiry() {
        return certificateExpiry;
    }

    /** Writes the request (its head; checks send no body). Every char of it must be below U+0100. */
    void send(String requestHead) {
        Channel open = channel;
        ByteBuf bytes = open.alloc().buffer(requestHead.length());
        // One byte per char: the request line and Host are ASCII, header values' obs-text goes as ISO-8859-1 bytes.
        ByteBufUtil.writeAscii(bytes, requestHead);
        open.writeAndFlush(bytes).addListener(written -> {
            if (!written.isSuccess()) {
                end(written.cause());
            }
        });
    }

    /** Hangs up, whatever the state; the listener hears nothing more of it. */
    void abort() {
        aborted = true;
        Channel open = channel;
        if (open != null) {
            open.close();
        }
    }

    /** The connect attempt failed (refused, unreachable, or the connect safety net ran out). */
    void connectFailed(Throwable cause) {
        end(cause);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        // Registered on its event loop, maybe before Connector.connect() has attached the channel itself.
        attach(context.channel());
        if (tls != null && !aborted) {
            context.pipeline().addBefore(context.name(), "tls", tls); // handshakes as soon as connected
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        if (!over) {
            listener.opened(tls != null);
            if (tls == null) {
                listener.connected(this);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !over) {
            if (handshake.isSuccess()) {
                certificateExpiry = leafExpiry();
                listener.connected(this);
            } else {
                end(tlsFailure(handshake.cause()));
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        if (over) {
            bytes.release();
            return;
        }
        int arrived = bytes.readableBytes();
        if (received == null) {
            received = bytes;
        } else { // a head in more than one read (rare): gather them in a buffer that grows; ResponseHead bounds it
            if (!cumulating) {
                ByteBuf gathered = context.alloc().heapBuffer(Math.max(1024, 2 * (received.readableBytes() + arrived)));
                gathered.writeBytes(received);
                received.release();
                received = gathered;
                cumulating = true;
            }
            received.writeBytes(bytes);
            bytes.release();
        }
        ResponseHead head;
        try {
            head = ResponseHead.read(received, arrived);
        } catch (ProtocolException e) {
            end(e);
            return;
        }
        if (head == null) {
            return;
        }
        over = true;
        releaseReceived();
        context.close();
        listener.answered(head);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        end(new ProtocolException("the server closed the connection before a complete HTTP answer"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        end(cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        releaseReceived();
    }

    private void end(Throwable cause) {
        if (over) {
            return;
        }
        over = true;
        releaseReceived();
        Channel open = channel;
        if (open != null) {
            open.close();
        }
        if (!aborted) {
            listener.failed(cause);
        }
    }

    private void releaseReceived() {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    /**
     * A failed handshake as a TLS error: a server that hangs up during it (an unknown SNI name, a firewall) shows as a
     * closed channel, whose TLS side Netty only attaches as a suppressed exception.
     */
    private static Throwable tlsFailure(Throwable cause) {
        if (cause instanceof SSLException) {
            return cause;
        }
        var failure = new SSLHandshakeException(cause instanceof ClosedChannelException
                ? "the server closed the connection during the TLS handshake" : "the TLS handshake failed: " + cause);
        failure.initCause(cause);
        return failure;
    }

    private Instant leafExpiry() {
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf.getNotAfter().toInstant() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
