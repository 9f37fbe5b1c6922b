package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import dev.ordo.returns.ReturnStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CreateReturnLabel (return-order): a return label from the customer's address back to the
 * warehouse that shipped the goods, with the carrier that delivered them, under the key
 * {@code <returnId>:return-label}. Deliberately synchronous (no async continuation): it runs inside
 * the {@code POST .../returns} request, so the response carries the tracking number; a carrier
 * failure fails the request (nothing is recorded) and the storefront asks again.
 */
@Component
class CreateReturnLabelDelegate implements JavaDelegate {
    private final CarrierGateway carriers;
    private final ReturnStore returns;
    private final OrderStore orders;
    private final AdapterCalls calls;

    CreateReturnLabelDelegate(CarrierGateway carriers, ReturnStore returns, OrderStore orders, AdapterCalls calls) {
        this.carriers = carriers;
        this.returns = returns;
        this.orders = orders;
        this.calls = calls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String returnId = (String) execution.getVariable("returnId");
        OrderRecord order = orders.get(execution.getProcessBusinessKey());
        var returned = returns.lines(returnId).stream().map(ReturnStore.Line::lineId).toList();
        var from = returns.shipped(order.id()).stream().filter(s -> returned.contains(s.lineId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("return " + returnId + " names nothing that shipped"));
        String carrier = from.carrier() == null ? "UPS" : from.carrier();
        String service = from.service() == null ? "ground" : from.service();
        var address = order.shippingAddress();
        var request = new CarrierGateway.LabelRequest(order.id(), returnId, from.warehouseId(),
                address == null ? null : address.country(), address == null ? null : address.postalCode(), 0);
        CarrierGateway.Label label;
        try {
            label = calls.record("carrier", "create_return_label",
                    () -> carriers.createLabel(returnId + ":return-label", carrier, service, request));
        } catch (CarrierException e) {
            throw new AdapterFailure(order.id(), carriers.name(), "create a " + carrier + " return label", e);
        }
        returns.labelCreated(returnId, label.carrier(), label.trackingNumber());
        orders.recordEvent(order.id(), "RETURN_LABEL_CREATED", null, "Return " + returnId + " to " + from.warehouseId()
                + ": " + label.carrier() + " " + label.service() + ", tracking " + label.trackingNumber());
    }
}
