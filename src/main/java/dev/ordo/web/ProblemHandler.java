package dev.ordo.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of Ordo's API as application/problem+json, with the offending fields named. */
@RestControllerAdvice(basePackages = "dev.ordo")
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return problem(e.status(), e.title(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new ApiException.FieldProblem(e.getName(), "has an invalid value")));
    }

    /**
     * An adapter the request itself had to call (a return label, a re-label) failed technically: the
     * request's transaction rolled back, nothing changed, and asking again later may succeed.
     */
    @ExceptionHandler(dev.ordo.adapter.AdapterFailure.class)
    ResponseEntity<ProblemDetail> adapterDown(dev.ordo.adapter.AdapterFailure e) {
        log.warn("Request refused, adapter unavailable: {}", e.getMessage());
        return unavailable("10", "Service unavailable", e.getMessage() + "; nothing was changed, try again later");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            log.warn("Request failed, database unavailable: {}", e.toString());
            return unavailable("5", "Database unavailable", "Ordo lost its database connection during the request; "
                    + "send it again (a placement with the same Idempotency-Key: if the first attempt committed, you get "
                    + "that order back)");
        }
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Ordo could not complete the request; nothing was changed", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::fieldProblem).toList();
        return asObject(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A @Valid body validated together with constrained path variables: name the body's fields.
        List<ApiException.FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiException.FieldProblem(
                        err instanceof FieldError field ? field.getField() : r.getMethodParameter().getParameterName(),
                        err.getDefaultMessage())))
                .toList();
        return asObject(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(invalid(List.of(new ApiException.FieldProblem(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            org.springframework.web.bind.ServletRequestBindingException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return asObject(invalid(List.of(new ApiException.FieldProblem(missing.getHeaderName(), "header is required"))));
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof BodyTooLargeException tooLarge) {
            return asObject(tooLarge(tooLarge));
        }
        // A syntax error (e.g. a truncated body) inside a nested object arrives wrapped with that
        // object's path; it is still malformed JSON, not an invalid field.
        com.fasterxml.jackson.core.JsonParseException syntax = syntaxError(cause);
        if (syntax != null) {
            return asObject(invalid(List.of(new ApiException.FieldProblem("body", "malformed JSON: " + syntax.getOriginalMessage()))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return asObject(invalid(List.of(new ApiException.FieldProblem(path(mapping), "has an invalid value or type"))));
        }
        String message = cause instanceof JsonProcessingException json
                ? "malformed JSON: " + json.getOriginalMessage() : "the request body is missing or not JSON";
        return asObject(invalid(List.of(new ApiException.FieldProblem("body", message))));
    }

    private static com.fasterxml.jackson.core.JsonParseException syntaxError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException syntax) return syntax;
        }
        return null;
    }

    private static ApiException.FieldProblem fieldProblem(FieldError error) {
        return new ApiException.FieldProblem(error.getField(), error.getDefaultMessage());
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<ProblemDetail> invalid(List<ApiException.FieldProblem> errors) {
        String detail = errors.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b)
                .orElse("the request is invalid");
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    /**
     * A lost or refused database connection anywhere in the cause chain (PostgreSQL restarting, the
     * pool unable to connect): SQLSTATE class 08 (connection exception) or 57P (operator intervention,
     * e.g. "terminating connection due to administrator command"), as Spring, MyBatis (Camunda) or
     * Hikari wrap it, or a rollback that failed on the broken connection (seen in FaultsIT). The engine retries its jobs by itself; a request is for the client to send again.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException) {
                return true;
            }
            // "JDBC rollback failed" on a connection the pool already closed ("Connection is closed", no SQLSTATE)
            if (t instanceof org.springframework.transaction.TransactionSystemException
                    && t.getCause() instanceof java.sql.SQLException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> unavailable(String retryAfterSeconds, String title, String detail) {
        var response = problem(HttpStatus.SERVICE_UNAVAILABLE, title, detail, List.of());
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).body(response.getBody());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
            List<ApiException.FieldProblem> errors) {
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, title, detail, errors));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
