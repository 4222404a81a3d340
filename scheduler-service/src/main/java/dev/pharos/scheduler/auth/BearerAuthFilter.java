package dev.pharos.scheduler.auth;

import dev.pharos.scheduler.api.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every admin API request needs {@code Authorization: Bearer <api key>}; without a valid key the answer is 401 with
 * a problem document. Health, metrics and OpenAPI live outside {@code /api} and need no key.
 */
public class BearerAuthFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final Caller caller;

    public BearerAuthFilter(ApiKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(unauthorized(request, "an API key is required: Authorization: Bearer <key>"));
        }
        return keys.authenticate(header.substring(BEARER.length()).strip())
                .map(identity -> {
                    caller.authenticated(identity.ownerId(), identity.role());
                    return Optional.<Response>empty();
                })
                .orElseGet(() -> Optional.of(unauthorized(request, "the API key is not valid or was revoked")));
    }

    private static Response unauthorized(ContainerRequestContext request, String detail) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail,
                        request.getUriInfo().getPath()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pharos\"")
                .build();
    }
}
