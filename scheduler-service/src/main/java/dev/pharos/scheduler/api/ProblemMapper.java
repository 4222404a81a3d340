package dev.pharos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.pharos.scheduler.service.MonitorService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into an RFC 9457 problem document; bad input is a 400 that names the field, never a 500. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return validation(detail, errors, uri);
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, UriInfo uri) {
        return validation(e.field() + ": " + e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())),
                uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    /** More specific than Quarkus's own mapper for the same exception, so it wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    /** A merge patch whose result is not a monitor: the same answer as a POST of that body would get. */
    @ServerExceptionMapper
    public Response patch(MonitorService.PatchException e, UriInfo uri) {
        return e.getCause() instanceof JsonProcessingException json ? jsonProblem(json, uri)
                : validation(e.getMessage(), List.of(new Problem.FieldError("body", "is not a valid monitor")), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getStatusCode() == 404 && (e.getMessage() == null || e.getMessage().startsWith("HTTP"))
                ? "nothing at " + uri.getPath() : e.getMessage();
        return Problem.of(status, detail, uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged",
                uri.getPath()).toResponse();
    }

    private static Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return validation("unknown field '" + field + "'",
                    List.of(new Problem.FieldError(field, "is not a known field")), uri);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = e instanceof InvalidFormatException invalid
                    ? "cannot be " + describe(invalid.getValue()) + expected(invalid.getTargetType())
                    : e instanceof MismatchedInputException mismatch
                    ? "has the wrong type" + expected(mismatch.getTargetType())
                    : "is not valid here";
            return validation(field + ": " + message, List.of(new Problem.FieldError(field, message)), uri);
        }
        String detail = "the body is not valid JSON: " + e.getOriginalMessage();
        return validation(detail, List.of(new Problem.FieldError("body", "is not valid JSON")), uri);
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            return "; expected one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "; expected " + (Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number"
                : type.getSimpleName());
    }

    private static Response validation(String detail, List<Problem.FieldError> errors, UriInfo uri) {
        return new Problem(Problem.VALIDATION_TYPE, "Invalid input", 400, detail, uri.getPath(), errors)
                .toResponse();
    }

    /**
     * The JSON field a violation is about, as a path such as {@code alertPolicy.failuresToOpen} or {@code tags[2]};
     * {@code body} for the body itself.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        var path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue; // the method and its parameter: the body itself
            }
            if (node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
