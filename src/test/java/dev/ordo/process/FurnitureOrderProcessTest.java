package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of processes/order-furniture.bpmn, whose shipments go through ship-white-glove.bpmn:
 * customer service books a delivery appointment no earlier than the products' lead time allows,
 * the customer is reminded while it is not booked, and the WHITEGLOVE carrier delivers and sets up.
 */
class FurnitureOrderProcessTest extends ProcessTestSupport {
    static final int LEAD_TIME_DAYS = 10;
    TaskService tasks;
    LocalDate today;

    @BeforeEach
    void taskService() {
        tasks = engine.getTaskService();
        today = LocalDate.now(ZoneOffset.UTC);
    }

    /** Fires the reminder timer with the engine clock at its due date, so a cycle schedules its next reminder. */
    void fireReminderWhenDue(String orderId) {
        var timer = timerOf(orderId, "Event_AppointmentReminder");
        assertThat(timer).as("a reminder is scheduled").isNotNull();
        ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
        try {
            management.executeJob(timer.getId());
            runJobs(orderId);
        } finally {
            ClockUtil.reset();
        }
    }

    String placeFurniture(String token, String sku, String unitPrice) {
        return place("furniture", "regular", null, token, line(sku, 1, unitPrice));
    }

    @Test
    void paidFurnitureOrderWaitsForADeliveryAppointmentThenShipsWhiteGloveAndIsDelivered() {
        String sofa = furniture(LEAD_TIME_DAYS, 3, 0);
        String orderId = placeFurniture("tok_visa", sofa, "899.00");
        assertCallActivitiesFindTheirSources(orderId);
        runJobs(orderId);

        assertThat(waitingAt(orderId)).contains("CallActivity_FulfilOrder", "CallActivity_ShipShipment", "Task_ScheduleDelivery");
        assertThat(passed(orderId)).contains("Task_AssessRisk", "Task_RouteFulfilment", "Task_ReserveStock",
                "Task_AuthorizePayment", "Task_PlanShipments").doesNotContain("Task_CreateShippingLabel");
        var confirmed = order(orderId);
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(confirmed.payment().status()).isEqualTo("AUTHORIZED");
        assertThat(confirmed.payment().authorized()).isEqualTo("899.00");
        assertThat(stockOf("us-east", sofa).reserved()).isEqualTo(1);
        var planned = shipmentsOf(orderId).get(0);
        assertThat(planned.status()).as("no label before the appointment").isEqualTo(ShipmentStatus.PLANNED);
        assertThat(planned.warehouseId()).isEqualTo("us-east");

        var task = taskOf(orderId, "Task_ScheduleDelivery");
        assertThat(tasks.createTaskQuery().taskCandidateGroup("customerService").taskId(task.getId()).count()).isEqualTo(1);
        assertThat(task.getName()).isEqualTo("Book delivery for order " + orderId.substring(0, 8));
        assertThat(tasks.getVariablesLocal(task.getId()))
                .containsEntry("orderId", orderId)
                .containsEntry("customerEmail", "ada@example.com")
                .containsEntry("itemsSummary", "1 x " + sofa)
                .containsEntry("earliestDeliveryDate", today.plusDays(LEAD_TIME_DAYS).toString())
                .containsKey("shippingSummary");

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("appointmentDate", today.plusDays(LEAD_TIME_DAYS - 1).toString(),
                "appointmentSlot", "08:00-12:00")))
                .hasMessageContaining("before the earliest possible date " + today.plusDays(LEAD_TIME_DAYS));
        assertThat(taskOf(orderId, "Task_ScheduleDelivery")).as("task stays open").isNotNull();
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("appointmentDate", today.plusDays(LEAD_TIME_DAYS).toString())))
                .hasMessageContaining("appointmentSlot");
        assertThat(eventsOf(orderId, "DELIVERY_APPOINTMENT")).isEmpty();

        String appointment = today.plusDays(LEAD_TIME_DAYS + 2).toString();
        tasks.complete(task.getId(), Map.of("appointmentDate", appointment, "appointmentSlot", "08:00-12:00"));
        runJobs(orderId);

        assertThat(taskOf(orderId, "Task_ScheduleDelivery")).isNull();
        assertThat(passed(orderId)).contains("Task_ScheduleDelivery", "Task_CreateShippingLabel");
        assertThat(waitingAt(orderId)).contains("CallActivity_ShipFromWarehouse", "Event_ShipmentShipped");
        assertThat(eventsOf(orderId, "DELIVERY_APPOINTMENT")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(appointment).contains("08:00-12:00").contains(planned.id()));
        assertThat(management.createJobQuery().rootProcessInstanceId(pid(orderId)).timers().count())
                .as("the reminder ends with the booking").isZero();
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(shipment.carrier()).as("carrier-selection, furniture rule").isEqualTo("WHITEGLOVE");
        assertThat(shipment.service()).isEqualTo("IN_HOME");
        assertThat(shipment.trackingNumber()).isNotBlank();

        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("SHIPPED");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(order(orderId).payment().captured()).isEqualTo("899.00");
        assertThat(stockOf("us-east", sofa).onHand()).isEqualTo(2);
        assertThat(stockOf("us-east", sofa).reserved()).isZero();

        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_WhiteGloveDelivered", "Event_OrderDelivered")
                .doesNotContain("Task_VoidUncapturedAmount");
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.lines()).singleElement().satisfies(l -> assertThat(l.status()).isEqualTo("SHIPPED"));
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void unbookedAppointmentRemindsTheCustomerAfterTwoDaysWhileTheTaskStaysOpen() {
        String sofa = furniture(LEAD_TIME_DAYS, 3, 0);
        String orderId = placeFurniture("tok_visa", sofa, "899.00");
        runJobs(orderId);
        var task = taskOf(orderId, "Task_ScheduleDelivery");
        assertThat(timerOf(orderId, "Event_AppointmentReminder").getDuedate())
                .isAfter(new Date(System.currentTimeMillis() + 47L * 3600 * 1000))
                .isBefore(new Date(System.currentTimeMillis() + 49L * 3600 * 1000));

        fireReminderWhenDue(orderId);

        assertThat(passed(orderId)).contains("Event_AppointmentReminder", "Task_RemindCustomer", "Event_ReminderSent");
        assertThat(eventsOf(orderId, "APPOINTMENT_REMINDER")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("ada@example.com").contains(shipmentsOf(orderId).get(0).id()));
        assertThat(taskOf(orderId, "Task_ScheduleDelivery").getId()).as("the same task stays open").isEqualTo(task.getId());
        assertThat(waitingAt(orderId)).contains("Task_ScheduleDelivery");
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");

        tasks.complete(task.getId(), Map.of("appointmentDate", today.plusDays(LEAD_TIME_DAYS).toString(), "appointmentSlot", "13:00-17:00"));
        runJobs(orderId);
        assertThat(shipmentsOf(orderId).get(0).carrier()).isEqualTo("WHITEGLOVE");
        assertThat(waitingAt(orderId)).contains("Event_ShipmentShipped");
    }

    @Test
    void unbookedAppointmentIsRemindedEveryTwoDaysThreeTimesAtMost() {
        String sofa = furniture(LEAD_TIME_DAYS, 3, 0);
        String orderId = placeFurniture("tok_visa", sofa, "899.00");
        runJobs(orderId);
        var task = taskOf(orderId, "Task_ScheduleDelivery");

        fireReminderWhenDue(orderId);
        fireReminderWhenDue(orderId);
        fireReminderWhenDue(orderId);

        assertThat(eventsOf(orderId, "APPOINTMENT_REMINDER")).hasSize(3);
        assertThat(timerOf(orderId, "Event_AppointmentReminder")).as("R3: no fourth reminder").isNull();
        assertThat(taskOf(orderId, "Task_ScheduleDelivery").getId()).isEqualTo(task.getId());
    }

    @Test
    void eachShipmentOfASplitFurnitureOrderGetsItsOwnAppointment() {
        String sofa = furniture(LEAD_TIME_DAYS, 1, 0);
        String table = furniture(3, 0, 1);
        String orderId = place("furniture", "regular", null, "tok_visa", line(sofa, 1, "600.00"), line(table, 1, "300.00"));
        runJobs(orderId);

        var appointments = tasks.createTaskQuery().processInstanceBusinessKey(orderId).taskDefinitionKey("Task_ScheduleDelivery").list();
        assertThat(shipmentsOf(orderId)).extracting(s -> s.warehouseId()).containsExactlyInAnyOrder("us-east", "us-west");
        assertThat(appointments).hasSize(2);
        assertThat(appointments).extracting(t -> tasks.getVariableLocal(t.getId(), "earliestDeliveryDate"))
                .as("each shipment's own lead time")
                .containsExactlyInAnyOrder(today.plusDays(LEAD_TIME_DAYS).toString(), today.plusDays(3).toString());

        for (var appointment : appointments) {
            tasks.complete(appointment.getId(), Map.of("appointmentDate", today.plusDays(LEAD_TIME_DAYS).toString(),
                    "appointmentSlot", "08:00-12:00"));
        }
        runJobs(orderId);
        assertThat(shipmentsOf(orderId)).allSatisfy(s -> {
            assertThat(s.carrier()).isEqualTo("WHITEGLOVE");
            assertThat(s.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        });
        for (var shipment : shipmentsOf(orderId)) {
            carrierReports(shipment, CarrierEvents.Status.SHIPPED);
            carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        }
        runJobs(orderId);
        assertThat(ended(orderId)).isTrue();
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(order(orderId).payment().captured()).isEqualTo("900.00");
        assertThat(eventsOf(orderId, "DELIVERY_APPOINTMENT")).hasSize(2);
    }

    @Test
    void usFurnitureOrderToNevadaShipsFromTheUsEastHubWhenItHasStock() {
        String sofa = furniture(LEAD_TIME_DAYS, 2, 2);
        String orderId = placeTo(LAS_VEGAS, "furniture", "regular", null, "tok_visa", line(sofa, 1, "899.00"));
        runJobs(orderId);

        assertThat(shipmentsOf(orderId)).singleElement().satisfies(s -> assertThat(s.warehouseId())
                .as("Rule_UsFurnitureHub before Rule_UsWest").isEqualTo("us-east"));
        assertThat(stockOf("us-east", sofa).reserved()).isEqualTo(1);
        assertThat(stockOf("us-west", sofa).reserved()).isZero();
    }

    @Test
    void usFurnitureOrderToNevadaShipsFromUsWestWhenTheHubHasNone() {
        String sofa = furniture(LEAD_TIME_DAYS, 0, 2);
        String orderId = placeTo(LAS_VEGAS, "furniture", "regular", null, "tok_visa", line(sofa, 1, "899.00"));
        runJobs(orderId);

        assertThat(shipmentsOf(orderId)).singleElement().satisfies(s -> assertThat(s.warehouseId()).isEqualTo("us-west"));
        assertThat(taskOf(orderId, "Task_ScheduleDelivery")).isNotNull();
    }

    @Test
    void declinedFurnitureOrderReleasesTheReservationAndIsRejectedWithoutAnAppointment() {
        String sofa = furniture(LEAD_TIME_DAYS, 2, 0);
        String orderId = placeFurniture("tok_declined", sofa, "899.00");
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_ReserveStock", "Task_ReleaseStock", "Event_PaymentDeclinedEnd",
                "Event_PaymentDeclined", "Event_OrderRejected").doesNotContain("Task_ScheduleDelivery", "Task_PlanShipments");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
        assertThat(order(orderId).payment().status()).isEqualTo("DECLINED");
        assertThat(order(orderId).lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("CANCELLED"));
        assertThat(stockOf("us-east", sofa).reserved()).isZero();
        assertThat(taskOf(orderId, "Task_ScheduleDelivery")).isNull();
    }

    @Test
    void furnitureBackorderThatTimesOutIsCancelledWithItsAuthorizationVoided() {
        String sofa = furniture(LEAD_TIME_DAYS, 0, 0);
        String orderId = placeFurniture("tok_visa", sofa, "899.00");
        runJobs(orderId);
        assertThat(waitingAt(orderId)).contains("Gateway_AwaitStock");
        assertThat(order(orderId).status()).isEqualTo("BACKORDERED");

        fireTimer(orderId, "Event_BackorderExpired");

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_VoidPayment", "Event_BackorderExpiredEnd", "Event_OrderCancelled")
                .doesNotContain("Task_ScheduleDelivery");
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(order(orderId).payment().status()).isEqualTo("VOIDED");
        assertThat(order(orderId).payment().authorized()).isEqualTo("0.00");
    }

    @Test
    void furnitureOrderRejectedInReviewIsNeitherReservedNorCharged() {
        String sofa = furniture(LEAD_TIME_DAYS, 2, 0);
        String orderId = placeFurniture("tok_visa", sofa, "2400.00");
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("IN_REVIEW");

        review(orderId, "reject", "address on a fraud list");
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_RejectedInReview", "Event_OrderRejectedByScreening")
                .doesNotContain("Task_ReserveStock", "Task_AuthorizePayment");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
        assertThat(stockOf("us-east", sofa).reserved()).isZero();
    }
}
