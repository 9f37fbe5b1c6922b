package dev.ordo.api;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the {@code postgres} profile sets on every connection (application-postgres.yml). Tagged
 * {@code postgres}: the H2 run leaves it out, the PostgreSQL run (tag {@code database}) has it.
 */
@Tag("postgres")
class PostgresSettingsApiTest extends ApiTestBase {
    @Autowired
    DataSource dataSource;

    @Test
    void everyPooledConnectionPlansAPreparedStatementOnceInsteadOfOnEveryExecution() {
        var jdbc = new JdbcTemplate(dataSource);

        // PostgreSQL's default (auto) kept re-planning the engine's message correlation query on every
        // execution, ~1 ms each (docs/benchmarks.md, tuning step 8).
        assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_generic_plan");
    }

    @Test
    void everyPooledConnectionSendsBatchedInsertsAsMultiRowInserts() throws Exception {
        try (var connection = dataSource.getConnection()) {
            var pg = connection.unwrap(org.postgresql.core.BaseConnection.class);

            // the engine flushes inserts as JDBC batches; one multi-row INSERT each (tuning step 5)
            assertThat(pg.getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
        }
    }
}
