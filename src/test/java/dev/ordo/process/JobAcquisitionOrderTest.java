package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordo.shipping.CarrierEvents;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which due job the job executor takes next when there are more than it can run: under overload
 * (a flash sale) orders already under way must finish first, and new orders wait for their first step
 * (routing, status RECEIVED) in the order they were placed. Without an acquisition order the engine
 * takes any due job, every order crawls and hardly any completes (docs/benchmarks.md, tuning step 6).
 */
class JobAcquisitionOrderTest extends ProcessTestSupport {

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void jobExecutorTakesTheJobsOfOrdersFurthestAlongFirstAndStartsNewOrdersInPlacementOrder() {
        // Created oldest first: the two new orders' routing, then a payment step, then a shipping step, so
        // that neither "oldest first" alone nor "highest priority" alone gives the order asserted below.
        String sku = product(500, 50, 0, 0);
        Date t0 = ClockUtil.getCurrentTime();
        String placedFirst = place("tok_visa", line(sku, 1, "10.00"));
        ClockUtil.setCurrentTime(new Date(t0.getTime() + 1_000));
        String placedSecond = place("tok_visa", line(sku, 1, "10.00"));
        ClockUtil.setCurrentTime(new Date(t0.getTime() + 2_000));
        String routed = place("tok_visa", line(sku, 1, "10.00"));
        management.executeJob(onlyDueJob(routed).getId()); // routed and reserved: payment due
        ClockUtil.setCurrentTime(new Date(t0.getTime() + 3_000));
        String shipped = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(shipped);
        carrierReports(shipmentsOf(shipped).get(0), CarrierEvents.Status.SHIPPED); // commit + capture due
        ClockUtil.setCurrentTime(new Date(t0.getTime() + 4_000));

        String commit = onlyDueJob(shipped).getId();
        String payment = onlyDueJob(routed).getId();
        String routeFirst = onlyDueJob(placedFirst).getId();
        String routeSecond = onlyDueJob(placedSecond).getId();
        assertThat(activityOf(commit)).isEqualTo("Task_CommitStock");
        assertThat(activityOf(payment)).isEqualTo("Task_AuthorizePayment");
        assertThat(activityOf(routeFirst)).isEqualTo("Task_RouteFulfilment");

        assertThat(acquisitionOrder())
                .as("the job executor's next jobs: shipping before payment before a new order's first step, then oldest first")
                .containsSubsequence(commit, payment, routeFirst, routeSecond);
    }

    private Job onlyDueJob(String orderId) {
        return management.createJobQuery().rootProcessInstanceId(pid(orderId)).executable().singleResult();
    }

    private String activityOf(String jobId) {
        String definition = management.createJobQuery().jobId(jobId).singleResult().getJobDefinitionId();
        return management.createJobDefinitionQuery().jobDefinitionId(definition).singleResult().getActivityId();
    }

    /** The ids of the due jobs in the order the job executor's acquisition query returns them. */
    private List<String> acquisitionOrder() {
        var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<AcquirableJobEntity> next = config.getCommandExecutorTxRequired().execute(context ->
                context.getJobManager().findNextJobsToExecute(new Page(0, 10_000)));
        return next.stream().map(AcquirableJobEntity::getId).toList();
    }
}
