package dev.ordo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures tell the client "the database is away, send it again" (503) rather than 500. */
class ProblemHandlerTest {
    final ProblemHandler handler = new ProblemHandler();

    @Test
    void postgresTerminatingTheConnectionDeepInTheEnginesExceptionsIsA503WithRetryAfter() {
        var psql = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        var wrapped = new RuntimeException("### Error updating database", new IllegalStateException("mybatis", psql));

        var response = handler.unexpected(wrapped);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(response.getBody().getDetail()).contains("send it again").contains("Idempotency-Key");
    }

    @Test
    void aRollbackOnAConnectionThePoolAlreadyClosedIsA503() {
        var closed = new SQLException("Connection is closed"); // as seen in FaultsIT: no SQLSTATE
        var engine = new RuntimeException("An exception occurred in the persistence layer",
                new TransactionSystemException("JDBC rollback failed", closed));

        var response = handler.unexpected(engine);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void aConstraintViolationOrAProgrammingErrorStaysA500ThatNamesNothingInternal() {
        var duplicate = new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505"));

        assertThat(handler.unexpected(duplicate).getStatusCode().value()).isEqualTo(500);
        var npe = handler.unexpected(new NullPointerException("x"));
        assertThat(npe.getStatusCode().value()).isEqualTo(500);
        assertThat(npe.getBody().getDetail()).doesNotContain("NullPointer");
    }
}
