package dev.pharos.scheduler.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over 256 KB with a 413 problem document: before it is read when it declares its length, while it
 * is read otherwise. (The HTTP layer's own limit, {@code quarkus.http.limits.max-body-size}, is higher and only a
 * backstop.)
 */
@Provider
public class BodyLimitFilter implements ReaderInterceptor {

    static final long MAX_BODY_BYTES = 256 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Optional.of(Problem.of(Response.Status.BAD_REQUEST, "Content-Length is not a number",
                    request.getUriInfo().getPath()).toResponse());
        }
        if (bytes > MAX_BODY_BYTES) {
            return Optional.of(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the body has " + bytes + " bytes; at most " + MAX_BODY_BYTES + " are accepted",
                    request.getUriInfo().getPath()).toResponse());
        }
        return Optional.empty();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        InputStream body = context.getInputStream();
        context.setInputStream(new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > MAX_BODY_BYTES) {
                    throw new WebApplicationException("the body is over " + MAX_BODY_BYTES + " bytes",
                            Response.Status.REQUEST_ENTITY_TOO_LARGE);
                }
            }
        });
        return context.proceed();
    }
}
