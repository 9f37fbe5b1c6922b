package dev.ordo.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request Ordo refuses with a given status. Rendered as application/problem+json by
 * {@link ProblemHandler}; {@code errors} name the offending fields.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " was not found", List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
                List.of(new FieldProblem(field, message)));
    }

    public static ApiException unprocessable(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable request", field + ": " + message,
                List.of(new FieldProblem(field, message)));
    }

    public HttpStatus status() { return status; }
    public String title() { return title; }
    public List<FieldProblem> errors() { return errors; }

    public record FieldProblem(String field, String message) {}
}
