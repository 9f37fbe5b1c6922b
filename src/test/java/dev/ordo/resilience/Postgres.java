package dev.ordo.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the local PostgreSQL cluster that listens on the test port (Debian's pg_ctlcluster, as
 * root or with sudo), fast mode: every open connection drops, also other test runs' connections.
 */
final class Postgres {
    private Postgres() {}

    /** @return how long the restart took until PostgreSQL accepted connections again */
    static Duration restart() throws IOException, InterruptedException {
        long start = System.nanoTime();
        String script = """
                set -e
                cluster=$(pg_lsclusters --no-header | awk '$3 == %d {print $1, $2; exit}')
                [ -n "$cluster" ] || { echo "no PostgreSQL cluster on port %d (pg_lsclusters)"; exit 1; }
                set -- $cluster
                if [ "$(id -u)" = 0 ]; then
                  pg_ctlcluster --skip-systemctl-redirect -m fast "$1" "$2" restart
                else
                  sudo -n pg_ctlcluster --skip-systemctl-redirect -m fast "$1" "$2" restart
                fi
                """.formatted(TestDatabase.PORT, TestDatabase.PORT);
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            ensureRunning();
            throw new AssertionError("restarting PostgreSQL failed: " + output);
        }
        awaitUp(Duration.ofSeconds(60));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** After a failed restart: start whatever cluster is down, so other tests are not left without a database. */
    static void ensureRunning() throws IOException, InterruptedException {
        new ProcessBuilder("bash", "-c", """
                pg_lsclusters --no-header | while read -r version cluster _rest; do
                  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null || true
                done""").inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    }

    static void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = TestDatabase.connect("postgres")) {
                return;
            } catch (Exception down) {
                if (System.nanoTime() > deadline) throw new AssertionError("PostgreSQL is not back after " + timeout, down);
                Thread.sleep(200);
            }
        }
    }
}
