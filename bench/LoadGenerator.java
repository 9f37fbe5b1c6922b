import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ordo's load generator (run by scripts/benchmark.sh; plain Java 17, JDBC driver on the class path).
 *
 * <p>One phase per run: {@code --mode rate} is an open model (order i is placed at t0 + i/rate whatever
 * the answers, every latency is measured from the intended time, so a slow answer delays nothing
 * and hides nothing); {@code --mode saturation} is a closed loop that keeps {@code --inflight} orders
 * between placement and DELIVERED, which finds the highest rate Ordo completes.
 *
 * <p>Each order is a journey: the storefront places it (POST /orders with an Idempotency-Key) and reads
 * it (GET /orders/{id}) {@code --first-read} after placement (its confirmation page); the generator
 * acts as the carrier, which learns of the label as a carrier integration would, from Ordo's
 * {@code shipment.label_created} webhook (a receiver on loopback, signature checked, duplicates
 * ignored), and sends SHIPPED, IN_TRANSIT, DELIVERED, each after the previous answer; then the
 * storefront reads the order until it is DELIVERED. {@code --carrier=poll} instead has the carrier
 * poll the order every {@code --poll} until it has a tracking number (the first benchmark runs: under
 * overload the polls multiply, 25 reads per order at saturation). Placement-to-label
 * and placement-to-DELIVERED come from Ordo's timeline (order_events) so they do not depend on
 * the polling interval. A sampler reads the due-job backlog (ACT_RU_JOB), the CPU of Ordo's and
 * PostgreSQL's processes (/proc) and the heap (actuator, used after GC / max).
 *
 * <p>{@code --report results.properties --doc docs/benchmarks.md} turns the collected results into
 * the tables between the markers in the document.
 */
public class LoadGenerator {
    static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern TRACKING = Pattern.compile("\"trackingNumber\":\"([^\"]+)\"");

    final Map<String, String> args;
    final String base;
    final HttpClient http;
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final Lat create = new Lat(), lookup = new Lat(), carrier = new Lat();
    final AtomicInteger placed = new AtomicInteger(), failed = new AtomicInteger(), completed = new AtomicInteger(),
            errors = new AtomicInteger(), seq = new AtomicInteger(), refused = new AtomicInteger();
    final AtomicLong lookups = new AtomicLong();
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    final long firstReadMs, pollMs;
    final int skus;
    final boolean webhookCarrier;
    /** Webhook carrier: per order id, PLACED (no label yet) or LABEL:<tracking> (label before the placement's answer). */
    final Map<String, String> awaitingLabel = new ConcurrentHashMap<>();
    final Set<String> carrierStarted = ConcurrentHashMap.newKeySet();
    final AtomicLong webhooks = new AtomicLong();
    static final String PLACED = "PLACED";
    static final Pattern HOOK_ORDER = Pattern.compile("\"order\":\\{\"id\":\"([^\"]+)\"");
    final String hookSecret = "bench-carrier-" + Long.toString(System.nanoTime(), 36);
    HttpServer hooks;
    String subscription;
    volatile boolean stopping;
    Semaphore inflight;

    LoadGenerator(Map<String, String> args) {
        this.args = args;
        this.base = args.getOrDefault("url", "http://127.0.0.1:18080");
        this.firstReadMs = Long.parseLong(args.getOrDefault("first-read", "1000"));
        this.pollMs = Long.parseLong(args.getOrDefault("poll", "500"));
        this.skus = Integer.parseInt(args.getOrDefault("skus", "100"));
        this.webhookCarrier = !args.getOrDefault("carrier", "webhook").equals("poll");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i].replaceFirst("^--", "");
            int eq = a.indexOf('=');
            if (eq > 0) args.put(a.substring(0, eq), a.substring(eq + 1));
            else args.put(a, i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : "true");
        }
        if (args.containsKey("report")) {
            Report.write(Path.of(args.get("report")), Path.of(args.get("doc")));
            return;
        }
        if (args.containsKey("catalogue")) {
            new LoadGenerator(args).catalogue(Integer.parseInt(args.get("catalogue")), args.getOrDefault("warehouses", "us-east,us-west"));
            return;
        }
        try {
            new LoadGenerator(args).run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- the phase

    void run() throws Exception {
        String phase = args.getOrDefault("phase", "run");
        String mode = args.getOrDefault("mode", "rate");
        int duration = Integer.parseInt(args.getOrDefault("duration", "60"));
        int drain = Integer.parseInt(args.getOrDefault("drain", "30"));
        Sampler sampler = new Sampler(args, base);
        if (webhookCarrier) startWebhookReceiver();
        Instant start = Instant.now();
        long t0 = System.nanoTime() + 50_000_000;
        sampler.start();
        if (mode.equals("rate")) {
            double rate = Double.parseDouble(args.get("rate"));
            long n = Math.round(rate * duration);
            for (long i = 0; i < n; i++) {
                long intended = t0 + Math.round(i * 1e9 / rate);
                timer.schedule(() -> place(intended), intended - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } else {
            int cap = Integer.parseInt(args.getOrDefault("inflight", "200"));
            inflight = new Semaphore(cap);
            Thread feeder = new Thread(() -> {
                try {
                    while (!stopping) {
                        if (inflight.tryAcquire(100, TimeUnit.MILLISECONDS) && !stopping) place(System.nanoTime());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            feeder.setDaemon(true);
            Thread.sleep(Math.max(0, (t0 - System.nanoTime()) / 1_000_000));
            feeder.start();
        }
        Thread.sleep(Math.max(0, (t0 - System.nanoTime()) / 1_000_000 + duration * 1000L));
        stopping = true;
        Instant arrivalsEnd = Instant.now();
        long drainUntil = System.currentTimeMillis() + drain * 1000L;
        while (completed.get() + failed.get() < placed.get() && System.currentTimeMillis() < drainUntil) {
            Thread.sleep(200);
        }
        Instant end = Instant.now();
        sampler.stop();
        timer.shutdownNow();
        if (webhookCarrier) stopWebhookReceiver();

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", mode);
        r.put("rate", args.getOrDefault("rate", "closed"));
        r.put("inflight", args.getOrDefault("inflight", ""));
        r.put("duration_s", duration);
        r.put("adapter_latency_ms", args.getOrDefault("adapter-latency", "0"));
        r.put("placed", placed.get());
        r.put("failed", failed.get());
        r.put("refused", refused.get());
        r.put("http_errors", errors.get());
        r.put("completed_client", completed.get());
        r.put("unfinished_after_drain", placed.get() - completed.get() - failed.get() - refused.get());
        create.put(r, "create");
        lookup.put(r, "lookup");
        carrier.put(r, "carrier");
        r.put("lookups_per_order", placed.get() == 0 ? 0 : fmt((double) lookups.get() / placed.get()));
        r.put("carrier_mode", webhookCarrier ? "webhook" : "poll");
        r.put("webhooks_per_order", placed.get() == 0 ? 0 : fmt((double) webhooks.get() / placed.get()));
        new Timeline(args).measure(start, arrivalsEnd, end, duration, r);
        sampler.put(r);
        StringBuilder out = new StringBuilder();
        r.forEach((k, v) -> out.append(phase).append('.').append(k).append('=').append(v).append('\n'));
        System.out.print(out);
        if (args.containsKey("out")) {
            Files.writeString(Path.of(args.get("out")), out, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    // ---------------------------------------------------------------- one order's journey

    void place(long intended) {
        int n = seq.incrementAndGet();
        placed.incrementAndGet();
        String body = """
                {"orderType":"standard","customer":{"id":"bench-c%d","email":"c%d@bench.example","tier":"regular"},
                 "currency":"USD","lines":[{"sku":"BENCH-%03d","quantity":1,"unitPrice":"19.99"}],
                 "shippingAddress":{"name":"Bench Customer","line1":"1 Main St","city":"Newark","region":"NJ",
                                    "postalCode":"07102","country":"US"},
                 "shippingMethod":"standard","payment":{"method":"card","token":"tok_visa"}}"""
                .formatted(n % 5000, n % 5000, n % skus);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                .header("Authorization", "Bearer demo-web-key").header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + runId + "-" + n)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
            create.add(intended);
            if (err == null && resp.statusCode() == 503 && resp.body().contains("At capacity")) {
                // Admission control (ordo.orders.max-due-jobs): nothing was created. A storefront would ask the
                // customer to try again; the generator counts it and, in the closed loop, waits Retry-After.
                refused.incrementAndGet();
                if (inflight != null) {
                    try {
                        timer.schedule((Runnable) inflight::release, 5, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException finished) {
                        inflight.release();
                    }
                }
                return;
            }
            if (err != null || resp.statusCode() != 201) {
                fail("create", err, resp);
                return;
            }
            Matcher id = ID.matcher(resp.body());
            id.find();
            String orderId = id.group(1);
            if (!webhookCarrier) {
                readUntilLabel(orderId, System.nanoTime() + firstReadMs * 1_000_000, System.nanoTime());
                return;
            }
            read(orderId, System.nanoTime() + firstReadMs * 1_000_000, confirmation -> { });
            String state = awaitingLabel.merge(orderId, PLACED, (label, placedNow) -> label);
            if (!state.equals(PLACED) && awaitingLabel.remove(orderId, state)) {
                startCarrier(orderId, state.substring("LABEL:".length()));
            }
        });
    }

    // ---------------------------------------------------------------- the carrier hears of labels by webhook

    void startWebhookReceiver() throws Exception {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.setExecutor(Executors.newFixedThreadPool(2));
        hooks.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean valid = signedByOrdo(exchange.getRequestHeaders().getFirst("Ordo-Signature"), body);
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
            exchange.close();
            if (valid) labelCreated(new String(body, StandardCharsets.UTF_8));
        });
        hooks.start();
        String url = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks";
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks"))
                .header("Authorization", "Bearer demo-web-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"secret\":\"" + hookSecret
                        + "\",\"events\":[\"shipment.label_created\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(resp.body());
        if (resp.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("cannot subscribe the carrier's webhook (Ordo needs "
                    + "--ordo.webhooks.allow-private-addresses=true): " + resp.statusCode() + " " + resp.body());
        }
        subscription = id.group(1);
    }

    void stopWebhookReceiver() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/" + subscription))
                .header("Authorization", "Bearer demo-web-key").DELETE().build(), HttpResponse.BodyHandlers.discarding());
        hooks.stop(0);
    }

    /** Ordo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")> (docs/api.md). */
    boolean signedByOrdo(String header, byte[] body) {
        if (header == null || !header.startsWith("t=") || !header.contains(",v1=")) return false;
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf(",v1=") + 4);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body)).equals(v1);
        } catch (Exception e) {
            return false;
        }
    }

    void labelCreated(String event) {
        webhooks.incrementAndGet();
        Matcher order = HOOK_ORDER.matcher(event), tracking = TRACKING.matcher(event);
        if (!order.find() || !tracking.find()) return;
        String orderId = order.group(1);
        String state = awaitingLabel.merge(orderId, "LABEL:" + tracking.group(1), (old, label) -> old);
        if (state.equals(PLACED) && awaitingLabel.remove(orderId, PLACED)) {
            startCarrier(orderId, tracking.group(1));
        }
    }

    /** Once per order, whatever the webhook's redeliveries. */
    void startCarrier(String orderId, String tracking) {
        if (carrierStarted.add(orderId)) carrierEvent(orderId, tracking, 0, System.nanoTime());
    }

    void readUntilLabel(String orderId, long intended, long since) {
        read(orderId, intended, body -> {
            Matcher t = TRACKING.matcher(body);
            if (t.find()) {
                carrierEvent(orderId, t.group(1), 0, System.nanoTime());
            } else if (System.nanoTime() - since > 120_000_000_000L) {
                fail("no label within 120 s", null, null);
            } else {
                readUntilLabel(orderId, System.nanoTime() + pollMs * 1_000_000, since);
            }
        });
    }

    static final String[] CARRIER_STEPS = {"SHIPPED", "IN_TRANSIT", "DELIVERED"};

    void carrierEvent(String orderId, String tracking, int step, long intended) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/carrier-events"))
                .header("Authorization", "Bearer demo-carrier-key").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"trackingNumber\":\"" + tracking + "\",\"status\":\""
                        + CARRIER_STEPS[step] + "\"}")).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
            carrier.add(intended);
            if (err != null || resp.statusCode() / 100 != 2) {
                fail("carrier event", err, resp);
                return;
            }
            if (step + 1 < CARRIER_STEPS.length) {
                carrierEvent(orderId, tracking, step + 1, System.nanoTime());
            } else {
                readUntilDelivered(orderId, System.nanoTime() + firstReadMs * 1_000_000, System.nanoTime());
            }
        });
    }

    void readUntilDelivered(String orderId, long intended, long since) {
        read(orderId, intended, body -> {
            Matcher s = STATUS.matcher(body);
            if (s.find() && s.group(1).equals("DELIVERED")) {
                completed.incrementAndGet();
                if (inflight != null) inflight.release();
            } else if (System.nanoTime() - since > 120_000_000_000L) {
                fail("not DELIVERED within 120 s", null, null);
            } else {
                readUntilDelivered(orderId, System.nanoTime() + pollMs * 1_000_000, since);
            }
        });
    }

    void read(String orderId, long intended, java.util.function.Consumer<String> then) {
        long delay = intended - System.nanoTime();
        try {
            timer.schedule(() -> {
                lookups.incrementAndGet();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/" + orderId))
                        .header("Authorization", "Bearer demo-web-key").timeout(Duration.ofSeconds(60)).GET().build();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
                    lookup.add(intended);
                    if (err != null || resp.statusCode() != 200) {
                        fail("lookup", err, resp);
                        return;
                    }
                    then.accept(resp.body());
                });
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException finished) {
            // the phase is over; the order is counted as unfinished
        }
    }

    void fail(String what, Throwable err, HttpResponse<String> resp) {
        failed.incrementAndGet();
        if (err != null || resp != null) errors.incrementAndGet();
        if (errors.get() <= 5) {
            System.err.println("bench: " + what + " failed: " + (err != null ? err : resp.statusCode() + " " + resp.body()));
        }
        if (inflight != null) inflight.release();
    }

    /** The catalogue the orders pick from: BENCH-000.. like the demo's desk lamp, 10 million in stock each. */
    void catalogue(int count, String warehouses) throws Exception {
        for (int i = 0; i < count; i++) {
            String sku = "BENCH-%03d".formatted(i);
            ops("/api/v1/products/" + sku, "{\"name\":\"Bench lamp " + i + "\",\"weightGrams\":1200,\"category\":\"home\"}");
            for (String warehouse : warehouses.split(",")) {
                ops("/api/v1/inventory/" + warehouse + "/" + sku, "{\"onHand\":10000000}");
            }
        }
        System.exit(0);
    }

    void ops(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer demo-ops-key").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) throw new IllegalStateException("PUT " + path + ": " + resp.statusCode() + " " + resp.body());
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** Latencies in microseconds from the intended time. */
    static final class Lat {
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();

        void add(long intendedNanos) {
            micros.add((System.nanoTime() - intendedNanos) / 1000);
        }

        void put(Map<String, Object> r, String name) {
            List<Long> all = new ArrayList<>(micros);
            Collections.sort(all);
            r.put(name + "_count", all.size());
            for (double p : new double[] {50, 95, 99}) {
                r.put(name + "_p" + (int) p + "_ms", all.isEmpty() ? "" : fmt(all.get((int) Math.min(all.size() - 1,
                        Math.ceil(p / 100 * all.size()) - 1)) / 1000.0));
            }
        }
    }

    // ---------------------------------------------------------------- Ordo's timeline and the database

    static Connection connect(Map<String, String> args) throws SQLException {
        return DriverManager.getConnection(args.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/ordo_bench"),
                args.getOrDefault("db-user", "postgres"), args.getOrDefault("db-password", ""));
    }

    /** Completions and placement-to-label/DELIVERED from order_events, for the orders placed in this phase. */
    record Timeline(Map<String, String> args) {
        void measure(Instant start, Instant arrivalsEnd, Instant end, int duration, Map<String, Object> r) throws SQLException {
            try (Connection c = connect(args)) {
                // Completed end to end per second: DELIVERED during the arrival window, after the pipeline
                // has filled (the first third of the window, at most 10 s, is not counted).
                long ramp = Math.min(10, duration / 3);
                Instant from = start.plusSeconds(ramp);
                r.put("completed_per_s", fmt(perSecond(c, """
                        SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id
                        WHERE e.type = 'STATUS_CHANGED' AND e.status = 'DELIVERED' AND e.at >= ? AND e.at < ?
                          AND o.created_at >= ?""", from, arrivalsEnd, start)));
                r.put("placed_per_s", fmt(perSecond(c, """
                        SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ?""", start, arrivalsEnd)));
                span(c, "LABEL_CREATED", null, "label", start, arrivalsEnd, r);
                span(c, "STATUS_CHANGED", "DELIVERED", "delivered", start, arrivalsEnd, r);
            }
        }

        /** A count over the window [from, to) (the first two parameters, then {@code more}), per second. */
        static double perSecond(Connection c, String countSql, Instant from, Instant to, Instant... more)
                throws SQLException {
            try (var ps = c.prepareStatement(countSql)) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                for (int i = 0; i < more.length; i++) ps.setTimestamp(3 + i, Timestamp.from(more[i]));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) / (Duration.between(from, to).toMillis() / 1000.0);
                }
            }
        }

        void span(Connection c, String type, String status, String name, Instant start, Instant arrivalsEnd,
                Map<String, Object> r) throws SQLException {
            try (var ps = c.prepareStatement("""
                    SELECT COUNT(*),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),
                           percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)
                    FROM (SELECT EXTRACT(EPOCH FROM (MIN(e.at) - o.created_at)) * 1000 AS ms
                          FROM orders o JOIN order_events e ON e.order_id = o.id
                          WHERE o.created_at >= ? AND o.created_at < ? AND e.type = ?
                            AND (CAST(? AS VARCHAR) IS NULL OR e.status = ?)
                          GROUP BY o.id, o.created_at) spans""")) {
                ps.setTimestamp(1, Timestamp.from(start));
                ps.setTimestamp(2, Timestamp.from(arrivalsEnd));
                ps.setString(3, type);
                ps.setString(4, status);
                ps.setString(5, status);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    r.put(name + "_count", rs.getLong(1));
                    r.put(name + "_p50_ms", fmt(rs.getDouble(2)));
                    r.put(name + "_p95_ms", fmt(rs.getDouble(3)));
                    r.put(name + "_p99_ms", fmt(rs.getDouble(4)));
                }
            }
        }
    }

    /** Samples the due-job backlog, CPU (/proc) and heap (actuator) once a second. */
    static final class Sampler {
        final Map<String, String> args;
        final String base;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final List<Long> dueJobs = new ArrayList<>();
        double heapAfterGcMaxMb, heapMaxMb, heapUsedPeakMb;
        long cpuStartOrdo, wallStart, cpuEndOrdo, wallEnd, jitStartOrdo, jitEndOrdo, cpuStartGen, cpuEndGen;
        long[] boxStart, boxEnd;
        Map<Long, Long> cpuStartPg, cpuEndPg;
        volatile boolean running = true;
        final CountDownLatch done = new CountDownLatch(1);
        final long ticksPerSecond = 100;

        final String database;

        Sampler(Map<String, String> args, String base) {
            this.args = args;
            this.base = base;
            String url = args.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/ordo_bench");
            this.database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        }

        void start() {
            cpuStartOrdo = ProcStat.cpuTicks(pid());
            jitStartOrdo = ProcStat.jitTicks(pid());
            cpuStartPg = ProcStat.postgresTicks(database);
            cpuStartGen = ProcStat.cpuTicks(ProcessHandle.current().pid());
            boxStart = ProcStat.boxTicks();
            wallStart = System.nanoTime();
            Thread t = new Thread(() -> {
                try (Connection c = connect(args); var ps = c.prepareStatement("""
                        SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0 AND suspension_state_ = 1
                          AND (duedate_ IS NULL OR duedate_ <= CURRENT_TIMESTAMP)""")) {
                    int tick = 0;
                    while (running) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            synchronized (dueJobs) {
                                dueJobs.add(rs.getLong(1));
                            }
                        }
                        if (tick++ % 5 == 0) heap();
                        Thread.sleep(1000);
                    }
                } catch (Exception e) {
                    System.err.println("bench: sampler stopped: " + e);
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void stop() throws Exception {
            cpuEndOrdo = ProcStat.cpuTicks(pid());
            jitEndOrdo = ProcStat.jitTicks(pid());
            cpuEndPg = ProcStat.postgresTicks(database);
            cpuEndGen = ProcStat.cpuTicks(ProcessHandle.current().pid());
            boxEnd = ProcStat.boxTicks();
            wallEnd = System.nanoTime();
            running = false;
            done.await(5, TimeUnit.SECONDS);
            heap();
        }

        long pid() {
            return Long.parseLong(args.getOrDefault("pid", "0"));
        }

        void heap() {
            heapAfterGcMaxMb = Math.max(heapAfterGcMaxMb, metric("jvm.gc.live.data.size", null) / 1048576);
            heapMaxMb = Math.max(heapMaxMb, metric("jvm.gc.max.data.size", null) / 1048576);
            heapUsedPeakMb = Math.max(heapUsedPeakMb, metric("jvm.memory.used", "area:heap") / 1048576);
        }

        double metric(String name, String tag) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name
                        + (tag == null ? "" : "?tag=" + tag))).header("Authorization", "Bearer demo-ops-key")
                        .timeout(Duration.ofSeconds(5)).build();
                String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.E+-]+)").matcher(body);
                return m.find() ? Double.parseDouble(m.group(1)) : 0;
            } catch (IOException | InterruptedException | RuntimeException e) {
                return 0;
            }
        }

        void put(Map<String, Object> r) {
            double wall = (wallEnd - wallStart) / 1e9;
            r.put("cpu_ordo_pct", fmt(100.0 * (cpuEndOrdo - cpuStartOrdo) / ticksPerSecond / wall));
            long pg = cpuEndPg.entrySet().stream().mapToLong(e -> e.getValue() - cpuStartPg.getOrDefault(e.getKey(), 0L)).sum();
            r.put("cpu_postgres_pct", fmt(100.0 * pg / ticksPerSecond / wall));
            // CPU time per completed order: robust on a shared machine, where throughput is not.
            long done = ((Number) r.get("completed_client")).longValue();
            r.put("cpu_ordo_ms_per_order", done == 0 ? "" : fmt(1000.0 * (cpuEndOrdo - cpuStartOrdo) / ticksPerSecond / done));
            r.put("cpu_postgres_ms_per_order", done == 0 ? "" : fmt(1000.0 * pg / ticksPerSecond / done));
            r.put("cpu_ordo_jit_pct", fmt(100.0 * Math.max(0, jitEndOrdo - jitStartOrdo) / ticksPerSecond / wall));
            r.put("cpu_ordo_jit_ms_per_order", done == 0 ? "" : fmt(1000.0 * Math.max(0, jitEndOrdo - jitStartOrdo) / ticksPerSecond / done));
            // The generator shares the machine (loopback): what it and the rest of the box use is CPU Ordo did not get.
            r.put("cpu_generator_pct", fmt(100.0 * (cpuEndGen - cpuStartGen) / ticksPerSecond / wall));
            long cores = Runtime.getRuntime().availableProcessors();
            r.put("cpu_box_busy_pct", fmt(100.0 * cores * (boxEnd[0] - boxStart[0]) / Math.max(1, boxEnd[1] - boxStart[1])));
            r.put("cpu_box_pct", 100 * cores);
            List<Long> due;
            synchronized (dueJobs) {
                due = new ArrayList<>(dueJobs);
            }
            r.put("due_jobs_max", due.stream().mapToLong(Long::longValue).max().orElse(0));
            r.put("due_jobs_mean", fmt(due.stream().mapToLong(Long::longValue).average().orElse(0)));
            r.put("heap_after_gc_mb", fmt(heapAfterGcMaxMb));
            r.put("heap_max_mb", fmt(heapMaxMb));
            r.put("heap_used_peak_mb", fmt(heapUsedPeakMb));
        }
    }

    // ---------------------------------------------------------------- the report

    static final class Report {
        static final String START = "<!-- benchmark:results:start -->", END = "<!-- benchmark:results:end -->";

        static void write(Path results, Path doc) throws IOException {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(results)) {
                p.load(in);
            }
            StringBuilder s = new StringBuilder(START).append("\n\n");
            s.append("Run of ").append(p.getProperty("run.date", "?")).append(" (").append(p.getProperty("run.mode", "full"))
                    .append(" mode), `").append(p.getProperty("run.commit", "?")).append("`. Machine: ")
                    .append(p.getProperty("machine", "?")).append(". Load generator run with `")
                    .append(p.getProperty("run.generator_nice", "none")).append("`, JVM options `")
                    .append(p.getProperty("run.generator_jvm_opts", "")).append("` (see tuning steps 9 and 12).\n\n");
            double engine = num(p, "baseline.engine.instances_per_s");
            double pgbench = num(p, "baseline.pgbench.tps");
            s.append("Baselines in the same run: bare engine **").append(p.getProperty("baseline.engine.instances_per_s", "?"))
                    .append(" instances/s** (").append(p.getProperty("baseline.engine.description", "")).append("; CPU per instance ")
                    .append(p.getProperty("baseline.engine.cpu_ms_per_instance", "?")).append(" ms engine")
                    .append(jit(p, "baseline.engine.cpu_jit_ms_per_instance").replace("(", "(of it the JIT compiler ")).append(" + ")
                    .append(p.getProperty("baseline.engine.cpu_postgres_ms_per_instance", "?")).append(" ms PostgreSQL); pgbench **")
                    .append(p.getProperty("baseline.pgbench.tps", "?")).append(" tps** (")
                    .append(p.getProperty("baseline.pgbench.description", "")).append(").");
            double diagrams = num(p, "baseline.diagrams.instances_per_s");
            if (p.containsKey("baseline.diagrams.instances_per_s")) {
                s.append(" The engine alone on Ordo's own diagrams **").append(p.getProperty("baseline.diagrams.instances_per_s"))
                        .append(" orders/s** (").append(p.getProperty("baseline.diagrams.description", "")).append("; CPU per order ")
                        .append(p.getProperty("baseline.diagrams.cpu_ms_per_instance", "?")).append(" ms engine")
                        .append(jit(p, "baseline.diagrams.cpu_jit_ms_per_instance").replace("(", "(of it the JIT compiler ")).append(" + ")
                        .append(p.getProperty("baseline.diagrams.cpu_postgres_ms_per_instance", "?"))
                        .append(" ms PostgreSQL): the ceiling of these diagrams before any of Ordo's own work.");
            }
            s.append("\n\n");
            for (String latency : new String[] {"0", "50"}) {
                List<String> phases = new ArrayList<>();
                for (String phase : new String[] {"cost", "half", "target", "saturation"}) {
                    if (p.containsKey("ordo" + latency + "." + phase + ".placed")) phases.add(phase);
                }
                if (phases.isEmpty()) continue;
                s.append("### Adapter latency ").append(latency).append(" ms\n\n| | ");
                for (String phase : phases) s.append(title(p, "ordo" + latency + "." + phase)).append(" | ");
                s.append("\n|---|");
                phases.forEach(x -> s.append("---|"));
                s.append('\n');
                String[][] rows = {
                        {"orders/s completed end to end (DELIVERED)", "completed_per_s"},
                        {"ratio to the bare engine", "@engine"},
                        {"ratio to the engine on Ordo's diagrams", "@diagrams"},
                        {"ratio to pgbench (orders/s ÷ tps)", "@pgbench"},
                        {"orders placed / refused at capacity (503) / failed / unfinished after drain", "@counts"},
                        {"create P50 / P95 / P99 ms", "@create"},
                        {"lookup P50 / P95 / P99 ms", "@lookup"},
                        {"carrier event P50 / P95 / P99 ms", "@carrier"},
                        {"placement → label P50 / P95 ms", "@label"},
                        {"placement → DELIVERED P50 / P95 ms", "@delivered"},
                        {"due jobs (mean / max)", "@due"},
                        {"CPU Ordo (of it the JIT compiler) / PostgreSQL (% of one core)", "@cpu"},
                        {"CPU ms per completed order: Ordo (of it the JIT compiler) / PostgreSQL", "@cpuorder"},
                        {"CPU load generator / whole machine busy (% of one core, of the machine's total)", "@box"},
                        {"heap: live after GC / peak used / max (MB)", "@heap"},
                        {"storefront reads per order", "lookups_per_order"},
                        {"label webhooks received per order (carrier)", "webhooks_per_order"},
                };
                for (String[] row : rows) {
                    s.append("| ").append(row[0]).append(" | ");
                    for (String phase : phases) {
                        String k = "ordo" + latency + "." + phase + ".";
                        s.append(cell(p, k, row[1], row[1].equals("@diagrams") ? diagrams : engine, pgbench)).append(" | ");
                    }
                    s.append('\n');
                }
                List<String> settle = new ArrayList<>();
                for (int round = 1; p.containsKey("ordo" + latency + ".settle.round" + round + ".jit_pct"); round++) {
                    settle.add(p.getProperty("ordo" + latency + ".settle.round" + round + ".jit_pct"));
                }
                if (!settle.isEmpty()) {
                    s.append("\nBefore these phases, after the warm-up: ").append(settle.size())
                            .append(" settling rounds at 10 orders/s, in which the JIT compiler used ")
                            .append(String.join(", ", settle)).append(" % of one core.\n");
                }
                s.append('\n');
            }
            s.append(END);
            String text = Files.exists(doc) ? Files.readString(doc) : START + "\n" + END + "\n";
            int a = text.indexOf(START), b = text.indexOf(END);
            if (a < 0 || b < 0) throw new IllegalStateException(doc + " has no " + START + " ... " + END + " section");
            Files.writeString(doc, text.substring(0, a) + s + text.substring(b + END.length()));
        }

        static String title(Properties p, String k) {
            String mode = p.getProperty(k + ".mode");
            if (k.endsWith(".cost")) return "cost: open model, " + p.getProperty(k + ".rate") + " orders/s for " + p.getProperty(k + ".duration_s") + " s";
            return mode.equals("rate") ? "open model, " + p.getProperty(k + ".rate") + " orders/s for "
                    + p.getProperty(k + ".duration_s") + " s"
                    : "saturation (closed, " + p.getProperty(k + ".inflight") + " in flight, " + p.getProperty(k + ".duration_s") + " s)";
        }

        /** " (x)" for a JIT share that was measured, "" for runs before it was. */
        static String jit(Properties p, String key) {
            String v = p.getProperty(key);
            return v == null || v.isEmpty() ? "" : " (" + v + ")";
        }

        static String cell(Properties p, String k, String what, double engine, double pgbench) {
            switch (what) {
                case "@engine": case "@diagrams": return engine == 0 ? "" : String.format(Locale.ROOT, "%.2f", num(p, k + "completed_per_s") / engine);
                case "@pgbench": return pgbench == 0 ? "" : String.format(Locale.ROOT, "%.3f", num(p, k + "completed_per_s") / pgbench);
                case "@counts": return p.getProperty(k + "placed") + " / " + p.getProperty(k + "refused", "0") + " / "
                        + p.getProperty(k + "failed") + " / " + p.getProperty(k + "unfinished_after_drain");
                case "@create": case "@lookup": case "@carrier": {
                    String n = what.substring(1);
                    return p.getProperty(k + n + "_p50_ms") + " / " + p.getProperty(k + n + "_p95_ms") + " / " + p.getProperty(k + n + "_p99_ms");
                }
                case "@label": case "@delivered": {
                    String n = what.substring(1);
                    return p.getProperty(k + n + "_p50_ms") + " / " + p.getProperty(k + n + "_p95_ms");
                }
                case "@due": return p.getProperty(k + "due_jobs_mean") + " / " + p.getProperty(k + "due_jobs_max");
                case "@cpuorder": return p.getProperty(k + "cpu_ordo_ms_per_order") + jit(p, k + "cpu_ordo_jit_ms_per_order")
                        + " / " + p.getProperty(k + "cpu_postgres_ms_per_order");
                case "@box": return p.getProperty(k + "cpu_generator_pct", "–") + " / " + p.getProperty(k + "cpu_box_busy_pct", "–")
                        + " of " + p.getProperty(k + "cpu_box_pct", "–");
                case "@cpu": return p.getProperty(k + "cpu_ordo_pct") + jit(p, k + "cpu_ordo_jit_pct") + " / " + p.getProperty(k + "cpu_postgres_pct");
                case "@heap": {
                    // G1 reports live data only after an old-generation cycle; 0 means none was needed yet
                    String live = p.getProperty(k + "heap_after_gc_mb", "0");
                    return (num(p, k + "heap_after_gc_mb") > 0 ? live : "– (no old-gen GC yet)") + " / "
                            + p.getProperty(k + "heap_used_peak_mb", "?") + " / " + p.getProperty(k + "heap_max_mb");
                }
                default: return p.getProperty(k + what, "");
            }
        }

        static double num(Properties p, String key) {
            try {
                return Double.parseDouble(p.getProperty(key, "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
