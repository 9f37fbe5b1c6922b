package dev.ordo.resilience;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh PostgreSQL database per resilience test ({@code ordo_resilience_*}), created over TCP as
 * {@code ordo.test.pg.user} (scripts/test.sh: the role ordo_resilience with CREATEDB), and a JdbcTemplate on
 * it for the verification queries. A new connection per query, so the checks survive a database
 * restart. PostgreSQL unreachable is a failure, never a skip.
 */
final class TestDatabase {
    static final String HOST = System.getProperty("ordo.test.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("ordo.test.pg.port", 5432);
    /** A role that may create databases: scripts/test.sh creates ordo_resilience (CREATEDB); by default postgres. */
    static final String USER = System.getProperty("ordo.test.pg.user", "postgres");
    static final String PASSWORD = System.getProperty("ordo.test.pg.password", "");

    final String name;
    final JdbcTemplate jdbc;

    private TestDatabase(String name) {
        this.name = name;
        var dataSource = new DriverManagerDataSource(url(name), USER, PASSWORD);
        dataSource.setDriverClassName("org.postgresql.Driver");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    static TestDatabase fresh(String name) {
        if (!name.matches("ordo_resilience_[a-z0-9_]+")) throw new IllegalArgumentException(name);
        Connection admin;
        try {
            admin = connect("postgres");
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable as " + USER + " on " + HOST + ":" + PORT
                    + " (the resilience tests need it; scripts/test.sh starts it): " + e.getMessage(), e);
        }
        try (admin; Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("Could not create a fresh database " + name + " as " + USER + ": " + e.getMessage()
                    + " (a database left by a run as another role: scripts/test.sh drops ordo_resilience_* first, or"
                    + " DROP DATABASE " + name + " as postgres)", e);
        }
        return new TestDatabase(name);
    }

    static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url(database), props);
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }
}
