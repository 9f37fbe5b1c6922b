package dev.ordo.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import dev.ordo.catalog.CatalogStore;
import dev.ordo.catalog.StockLevels;
import dev.ordo.order.OrderPlacement;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import dev.ordo.order.OrderView;
import dev.ordo.order.OrderViews;
import dev.ordo.order.PlaceOrderRequest;
import dev.ordo.security.ApiClient;
import dev.ordo.security.Role;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStore;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Process tests run the real diagrams with the real delegates and database, with the job executor
 * switched off: each test drives the asynchronous steps itself, one transaction at a time.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@Tag("database")
abstract class ProcessTestSupport {
    static final ApiClient WEB = new ApiClient("test-web", Role.STOREFRONT, "web");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired OrderPlacement placement;
    @Autowired OrderViews views;
    @Autowired OrderStore orders;
    @Autowired CatalogStore catalog;
    @Autowired StockLevels stock;
    @Autowired ShipmentStore shipments;
    @Autowired CarrierEvents carrierEvents;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    /** A new product of the given weight, stocked in us-east, us-west and eu-central. */
    String product(int grams, int usEast, int usWest, int euCentral) {
        String sku = "T-" + UUID.randomUUID().toString().substring(0, 12);
        catalog.saveProduct(new CatalogStore.Product(sku, "Test product " + sku, grams, "test", 0, false));
        stock.setOnHand("us-east", sku, usEast);
        stock.setOnHand("us-west", sku, usWest);
        stock.setOnHand("eu-central", sku, euCentral);
        return sku;
    }

    /** A new digital product: no weight, no stock, delivered as a licence. */
    String digitalProduct() {
        String sku = "D-" + UUID.randomUUID().toString().substring(0, 12);
        catalog.saveProduct(new CatalogStore.Product(sku, "Test download " + sku, 0, "software", 0, true));
        return sku;
    }

    /** A new heavy furniture product with the given lead time, stocked in us-east and us-west. */
    String furniture(int leadTimeDays, int usEast, int usWest) {
        String sku = "F-" + UUID.randomUUID().toString().substring(0, 12);
        catalog.saveProduct(new CatalogStore.Product(sku, "Test sofa " + sku, 45_000, "furniture", leadTimeDays, false));
        stock.setOnHand("us-east", sku, usEast);
        stock.setOnHand("us-west", sku, usWest);
        return sku;
    }

    /** A new light product released on {@code releaseDate}, stocked in us-east (0: none yet). */
    String preorderProduct(java.time.LocalDate releaseDate, int usEast) {
        String sku = "P-" + UUID.randomUUID().toString().substring(0, 12);
        catalog.saveProduct(new CatalogStore.Product(sku, "Test game " + sku, 300, "games", 0, false, releaseDate));
        stock.setOnHand("us-east", sku, usEast);
        return sku;
    }

    static final PlaceOrderRequest.Address NEWARK =
            new PlaceOrderRequest.Address("Ada Lovelace", "1 Main St", null, "Newark", "NJ", "07102", "US");

    /** Places a standard order to Newark, NJ (routed us-east first) from a new regular customer. */
    String place(String token, PlaceOrderRequest.Line... lines) {
        return place("standard", "regular", null, token, lines);
    }

    String placeAs(String tier, String token, PlaceOrderRequest.Line... lines) {
        return place("standard", tier, null, token, lines);
    }

    String placeBilledIn(String billingCountry, String token, PlaceOrderRequest.Line... lines) {
        return place("standard", "regular", new PlaceOrderRequest.Address("Ada Lovelace", "1 Hauptstr.", null, "Berlin",
                null, "10115", billingCountry), token, lines);
    }

    String place(String orderType, String tier, PlaceOrderRequest.Address billing, String token, PlaceOrderRequest.Line... lines) {
        return placeTo(orderType.equals("digital") ? null : NEWARK, orderType, tier, billing, token, lines);
    }

    static final PlaceOrderRequest.Address LAS_VEGAS =
            new PlaceOrderRequest.Address("Grace Hopper", "9 Strip Ave", null, "Las Vegas", "NV", "89101", "US");

    /** Places an order shipping to {@code shippingAddress} (null: ships nothing). */
    String placeTo(PlaceOrderRequest.Address shippingAddress, String orderType, String tier, PlaceOrderRequest.Address billing,
            String token, PlaceOrderRequest.Line... lines) {
        var request = new PlaceOrderRequest(orderType,
                new PlaceOrderRequest.Customer("c-" + UUID.randomUUID(), "ada@example.com", tier), "USD",
                List.of(lines), shippingAddress, "standard",
                new PlaceOrderRequest.Payment("card", token), billing);
        return placement.place(WEB, UUID.randomUUID().toString(), request).order().id();
    }

    static PlaceOrderRequest.Line line(String sku, int quantity, String unitPrice) {
        return new PlaceOrderRequest.Line(sku, quantity, unitPrice);
    }

    /**
     * Fails unless every variable the order type's call activities take by name ({@code camunda:in source})
     * is a variable of the order's instance now (a missing one is passed on as null, silently); returns
     * the instance's variable names.
     */
    java.util.Set<String> assertCallActivitiesFindTheirSources(String orderId) {
        ProcessInstance order = instance(orderId);
        java.util.Set<String> variables = runtime.getVariables(order.getId()).keySet();
        var model = engine.getRepositoryService().getBpmnModelInstance(order.getProcessDefinitionId());
        java.util.Set<String> sources = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.CallActivity.class)
                .stream().filter(call -> call.getExtensionElements() != null)
                .flatMap(call -> call.getExtensionElements().getElementsQuery()
                        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn.class).list().stream())
                .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn::getCamundaSource)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        org.assertj.core.api.Assertions.assertThat(variables)
                .as("variables of %s that its call activities pass on by name", order.getProcessDefinitionId())
                .containsAll(sources);
        return variables;
    }

    ProcessInstance instance(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).rootProcessInstances().singleResult();
    }

    /** The id of the order's process instance, running or ended. */
    String pid(String orderId) {
        // an order's returns (process return-order) carry the order id as business key too
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .rootProcessInstances().list().stream().filter(p -> p.getProcessDefinitionKey().startsWith("order-"))
                .findFirst().orElseThrow().getId();
    }

    /** Ids of the process instances of an order: its order-type process and every process it called. */
    List<String> instancesOf(String orderId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).list()
                .stream().map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).toList();
    }

    /** Activities the order waits in now, across its called processes (also before an async continuation). */
    List<String> waitingAt(String orderId) {
        var waiting = new java.util.ArrayList<String>();
        for (String id : instancesOf(orderId)) {
            var tree = runtime.getActivityInstance(id);
            if (tree != null) collect(tree, waiting);
        }
        return waiting;
    }

    private static void collect(org.camunda.bpm.engine.runtime.ActivityInstance instance, List<String> into) {
        for (var transition : instance.getChildTransitionInstances()) into.add(transition.getActivityId());
        for (var child : instance.getChildActivityInstances()) {
            into.add(child.getActivityId());
            collect(child, into);
        }
    }

    /** Activities the order has completed, across its called processes. */
    List<String> passed(String orderId) {
        return instancesOf(orderId).stream().flatMap(id -> engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(id).finished().list().stream()).map(a -> a.getActivityId()).toList();
    }

    /** True when the order's own process instance has ended. */
    boolean ended(String orderId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid(orderId))
                .singleResult().getEndTime() != null;
    }

    /** Root-cause incidents of the order, in whichever of its processes they happened. */
    List<org.camunda.bpm.engine.runtime.Incident> incidentsOf(String orderId) {
        return instancesOf(orderId).stream().flatMap(id -> runtime.createIncidentQuery().processInstanceId(id).list().stream())
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId())).toList();
    }

    /** The open user task of the order, in whichever of its processes it is. */
    org.camunda.bpm.engine.task.Task taskOf(String orderId, String taskDefinitionKey) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(orderId)
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    /** Executes the order's due jobs until none is left (timers in the future stay). */
    void runJobs(String orderId) {
        for (int round = 0; round < 100; round++) {
            List<Job> due = management.createJobQuery().rootProcessInstanceId(pid(orderId)).executable().list();
            if (due.isEmpty()) return;
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("jobs of order " + orderId + " did not settle");
    }

    /** The order's only due job, run once, returning the failure it raised, if any. */
    RuntimeException runFailingJob(String orderId) {
        Job job = management.createJobQuery().rootProcessInstanceId(pid(orderId)).withRetriesLeft().singleResult();
        try {
            management.executeJob(job.getId());
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** The order's timer waiting in {@code activityId} (in whichever of its processes). */
    Job timerOf(String orderId, String activityId) {
        // Not by root process instance: Camunda 7.24 creates the follow-up job of a timer cycle (R3/P2D) without
        // ROOT_PROC_INST_ID_ (TimerEntity's copy constructor does not copy it), so such a query misses repeats.
        var timers = instancesOf(orderId).stream().flatMap(id -> management.createJobQuery().processInstanceId(id)
                .timers().activityId(activityId).list().stream()).toList();
        if (timers.size() > 1) throw new AssertionError("order " + orderId + " has several timers in " + activityId);
        return timers.isEmpty() ? null : timers.get(0);
    }

    /** Fires the order's timer in {@code activityId} now, then runs the jobs that follow. */
    void fireTimer(String orderId, String activityId) {
        Job timer = timerOf(orderId, activityId);
        if (timer == null) throw new AssertionError("order " + orderId + " has no timer in " + activityId);
        management.executeJob(timer.getId());
        runJobs(orderId);
    }

    /** Timeline entries of the given type, oldest first. */
    List<OrderStore.TimelineEntry> eventsOf(String orderId, String type) {
        return orders.timeline(orderId).stream().filter(e -> type.equals(e.type())).toList();
    }

    /** Completes the order's review task with a reviewer's decision. */
    void review(String orderId, String decision, String comment) {
        var task = taskOf(orderId, "Task_ReviewOrder");
        if (task == null) throw new AssertionError("order " + orderId + " is not in review");
        engine.getTaskService().complete(task.getId(), java.util.Map.of("reviewDecision", decision, "reviewComment", comment));
    }

    OrderView order(String orderId) {
        return views.find(orderId).orElseThrow();
    }

    List<ShipmentStore.Shipment> shipmentsOf(String orderId) {
        return shipments.ofOrder(orderId);
    }

    void carrierReports(ShipmentStore.Shipment shipment, CarrierEvents.Status status) {
        carrierEvents.handle(shipment.trackingNumber(), status, "test");
    }

    /** The carrier ships and then delivers each of the order's shipments (under their current labels), jobs run after each. */
    void shipAndDeliver(String orderId) {
        for (CarrierEvents.Status status : List.of(CarrierEvents.Status.SHIPPED, CarrierEvents.Status.DELIVERED)) {
            shipmentsOf(orderId).forEach(s -> carrierReports(s, status));
            runJobs(orderId);
        }
    }

    /**
     * Races {@code change} against the carrier's SHIPPED event for the shipment's current label; returns
     * both results, an {@link dev.ordo.web.ApiException} counting as its status (e.g. 409, or 404 for
     * an event whose label was replaced before it looked it up).
     */
    List<Object> raceWithShipped(ShipmentStore.Shipment shipment, java.util.concurrent.Callable<Object> change) throws Exception {
        return race(() -> statusOf(change),
                () -> statusOf(() -> carrierEvents.handle(shipment.trackingNumber(), CarrierEvents.Status.SHIPPED, null)));
    }

    private static Object statusOf(java.util.concurrent.Callable<Object> call) throws Exception {
        try {
            return call.call();
        } catch (dev.ordo.web.ApiException e) {
            return e.status().value();
        }
    }

    CatalogStore.StockLevel stockOf(String warehouse, String sku) {
        return catalog.stock(warehouse, sku).orElseThrow();
    }

    List<String> statusesOf(String orderId) {
        return orders.timeline(orderId).stream().filter(e -> e.status() != null).map(OrderStore.TimelineEntry::status).toList();
    }

    OrderRecord record(String orderId) {
        return orders.get(orderId);
    }

    /** Runs the calls at the same moment on their own threads and returns their results in order. */
    @SafeVarargs
    static <T> List<T> race(java.util.concurrent.Callable<? extends T>... calls) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.length);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<? extends T>> futures = new java.util.ArrayList<>();
            for (java.util.concurrent.Callable<? extends T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<? extends T> f : futures) results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
