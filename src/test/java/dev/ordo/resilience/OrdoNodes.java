package dev.ordo.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ordo as separate JVMs, started and stopped through {@code scripts/cluster.sh} (the script operators
 * use): the jar Maven built in {@code package}, the {@code postgres,demo} profiles, one database for
 * every node, node N on port 28080 + N. Logs and pid files go to {@code target/resilience/<name>/}.
 * {@link #close()} stops every node, also when a test failed; a JVM shutdown hook kills what is left.
 */
final class OrdoNodes implements AutoCloseable {
    static final int BASE_PORT = 28081;
    private final Path basedir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private final Path runDir;
    private final int nodes;
    private final String database;
    private final List<String> options;
    private final Duration lockTime;
    private final Thread reaper = new Thread(this::killAll, "ordo-nodes-reaper");

    OrdoNodes(String name, String database, int nodes, Duration lockTime, List<String> options) {
        this.runDir = basedir.resolve("target/resilience/" + name);
        this.nodes = nodes;
        this.database = database;
        this.lockTime = lockTime;
        this.options = new ArrayList<>(options);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Options every resilience test uses: fast retries, fast simulated carriers, full history (the job log). */
    static List<String> commonOptions() {
        return new ArrayList<>(List.of(
                "--ordo.jobs.retry-cycle=R10/PT1S",
                // No admission control: these tests count every placement they send as accepted or resent after a
                // crash or fault; a 503 At capacity would be a third outcome (AdmissionControlApiTest covers it).
                "--ordo.orders.max-due-jobs=0",
                "--ordo.carrier.simulator.auto-advance=true",
                "--ordo.carrier.simulator.advance-delay=200ms",
                "--ordo.webhooks.poll-interval=PT0.2S",
                "--ordo.webhooks.initial-backoff=PT0.2S",
                "--ordo.webhooks.max-backoff=PT1S",
                "--ordo.webhooks.max-attempts=30",
                "--camunda.bpm.history-level=full",
                "--logging.level.org.camunda.bpm.engine.jobexecutor=warn"));
    }

    String url(int node) {
        return "http://127.0.0.1:" + (BASE_PORT + node - 1);
    }

    Path log(int node) {
        return runDir.resolve("node-" + node + ".log");
    }

    /** The process id of a running node (from its pid file). */
    long pid(int node) {
        try {
            return Long.parseLong(Files.readString(runDir.resolve("node-" + node + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("node " + node + " has no pid file", e);
        }
    }

    boolean alive(int node) {
        return ProcessHandle.of(pid(node)).map(ProcessHandle::isAlive).orElse(false);
    }

    void start() {
        script("start");
    }

    void startNode(int node) {
        script("start-node", String.valueOf(node));
    }

    /** kill -9: no shutdown hooks, no commit of what the node was doing, its job locks stay behind. */
    void kill(int node) {
        script("kill", String.valueOf(node));
    }

    @Override
    public void close() {
        try {
            script("stop");
        } catch (RuntimeException e) {
            killAll();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void killAll() {
        for (int n = 1; n <= nodes; n++) {
            Path pid = runDir.resolve("node-" + n + ".pid");
            try {
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException ignored) {
                // nothing to kill
            }
        }
    }

    private void script(String... args) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(basedir.resolve("scripts/cluster.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(basedir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("ORDO_NODES", String.valueOf(nodes));
        env.put("ORDO_BASE_PORT", String.valueOf(BASE_PORT));
        env.put("ORDO_DB", database);
        env.put("ORDO_PG_HOST", TestDatabase.HOST);
        env.put("ORDO_PG_PORT", String.valueOf(TestDatabase.PORT));
        env.put("SPRING_DATASOURCE_USERNAME", TestDatabase.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        env.remove("SPRING_DATASOURCE_URL");
        env.put("ORDO_RUN_DIR", runDir.toString());
        env.put("ORDO_LOCK_TIME_MS", String.valueOf(lockTime.toMillis()));
        env.put("ORDO_HEALTH_TIMEOUT", "240");
        env.put("ORDO_OPTS", String.join(" ", options));
        String jar = System.getProperty("ordo.jar");
        if (jar != null && !jar.isBlank()) env.put("ORDO_JAR", jar);
        try {
            Files.createDirectories(runDir);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " did not finish: " + output);
            }
            System.out.print(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed (exit " + process.exitValue()
                        + "); node logs in " + runDir + ":\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run cluster.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running cluster.sh", e);
        }
    }
}
