package dev.ordo.api;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The frame every API test class shares: a whole Ordo on a random port, tagged {@code database}
 * (so it runs on H2 and again on PostgreSQL), its context closed after the class; {@link #api} talks
 * to it over real HTTP. The port is injected when the test instance is created, so {@code api} is
 * ready in {@code @BeforeAll} methods of classes with a per-class lifecycle as well. SKUs and customers
 * must be unique per test: the PostgreSQL test database is shared.
 */
@Tag("database")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ApiTestBase {
    int port;
    ApiSupport api;

    @LocalServerPort
    void connect(int port) {
        this.port = port;
        this.api = new ApiSupport(port);
    }
}
