package dev.ordo.diagrams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Call activities pass each called process exactly the variables it reads (no
 * {@code <camunda:in variables="all" />}: every copied variable is a runtime and a history row per
 * order). A called process that finds a variable missing fails at run time ("Unknown property used in
 * expression", a decision input of null), so this pins what every caller must pass. When a called
 * process starts reading another variable, add it here and to every call activity that calls it
 * (docs/order-types.md, "Passing variables to a called process").
 */
class CallActivityMappingTest {

    /** What each called process (and what it calls in turn) reads of its caller's variables. */
    static final Map<String, Set<String>> INPUTS = Map.of(
            // order-risk (orderTotal, newCustomer, addressMismatch); the review listener's reason text
            "screen-order", Set.of("orderTotal", "newCustomer", "addressMismatch"),
            // fulfillment-routing (destinationCountry, destinationRegion, productCategory), partial-shipment
            // (orderTotal, customerTier, orderType), the gateways (paymentAuthorized, remainder; stockReserved
            // and anyReserved are written by Reserve stock first), the backorder clock (backorderWait), the
            // shipments' process (shipmentProcess) and what the remainder's and the shipments' call
            // activities pass on (orderId, shippingMethod)
            "fulfil-order", Set.of("orderId", "orderType", "destinationCountry", "destinationRegion", "productCategory",
                    "shippingMethod", "orderTotal", "customerTier", "backorderWait", "paymentAuthorized", "remainder",
                    "stockReserved", "anyReserved", "shipmentProcess"),
            "${shipmentProcess}", Set.of("shipmentId"),
            "ship-from-warehouse", Set.of("shipmentId"));

    static List<Path> diagrams() throws java.io.IOException {
        return DiagramLayoutTest.diagrams().toList();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void aCalledProcessIsPassedEveryVariableItReadsAndNoCallCopiesAllVariables(Path file) {
        for (CallActivity call : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(CallActivity.class)) {
            List<CamundaIn> ins = call.getExtensionElements() == null ? List.of()
                    : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
            String where = file.getFileName() + " " + call.getId();
            assertThat(ins).as("%s copies all variables", where).noneMatch(in -> in.getCamundaVariables() != null);
            assertThat(ins).as("%s passes the order id as business key", where)
                    .anyMatch(in -> in.getCamundaBusinessKey() != null);
            Set<String> passed = ins.stream().map(CamundaIn::getCamundaTarget).filter(t -> t != null)
                    .collect(Collectors.toSet());
            assertThat(INPUTS).as("%s calls %s: say in INPUTS what it reads", where, call.getCalledElement())
                    .containsKey(call.getCalledElement());
            assertThat(passed).as("variables %s passes to %s", where, call.getCalledElement())
                    .containsAll(INPUTS.get(call.getCalledElement()));
        }
    }
}
