package dev.ordo.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.ordo.process.EngineBacklog;
import org.junit.jupiter.api.Test;

/** When admission control refuses and takes orders again (the 503 over HTTP: AdmissionControlApiTest). */
class PlacementAdmissionTest {
    private final EngineBacklog backlog = mock(EngineBacklog.class);

    private PlacementAdmission admissionWithLimit(int maxDueJobs) {
        return new PlacementAdmission(backlog, new OrderSettings(null, null, maxDueJobs));
    }

    private boolean refusesAt(PlacementAdmission admission, long due) {
        when(backlog.dueJobsNotAcquired()).thenReturn(due);
        admission.count();
        return admission.refusal() != null;
    }

    @Test
    void refusesFromTheLimitAndTakesOrdersAgainOnlyBelowEightyPercentOfIt() {
        PlacementAdmission admission = admissionWithLimit(10);
        assertThat(refusesAt(admission, 9)).as("below the limit").isFalse();
        assertThat(refusesAt(admission, 10)).as("at the limit").isTrue();
        assertThat(refusesAt(admission, 9)).as("just below the limit: no flip-flop with every count").isTrue();
        assertThat(refusesAt(admission, 8)).as("at 80 %").isTrue();
        assertThat(refusesAt(admission, 7)).as("below 80 %").isFalse();
        assertThat(refusesAt(admission, 9)).as("below the limit again").isFalse();
    }

    @Test
    void refusalNamesTheBacklogTheLimitAndHowToRetry() {
        PlacementAdmission admission = admissionWithLimit(10);
        refusesAt(admission, 12);
        assertThat(admission.refusal()).contains("12 background steps", "limit 10", "same Idempotency-Key");
    }

    @Test
    void limitZeroNeverRefusesAndNeverCounts() {
        PlacementAdmission admission = admissionWithLimit(0);
        admission.count();
        assertThat(admission.refusal()).isNull();
        verifyNoInteractions(backlog);
    }

    @Test
    void databaseDownWhileCountingKeepsTheLastAnswer() {
        PlacementAdmission admission = admissionWithLimit(10);
        refusesAt(admission, 10);
        when(backlog.dueJobsNotAcquired()).thenThrow(new org.springframework.dao.DataAccessResourceFailureException("down"));
        admission.count();
        assertThat(admission.refusal()).isNotNull();
    }
}
