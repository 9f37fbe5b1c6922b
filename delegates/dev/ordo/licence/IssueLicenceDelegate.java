package dev.ordo.licence;

import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_IssueLicence: one licence key and download link per line of a digital order. Sending them is
 * the line's delivery: the line becomes SHIPPED.
 */
@Component
class IssueLicenceDelegate implements JavaDelegate {
    private final LicenceGateway gateway;
    private final LicenceStore licences;
    private final OrderStore orders;

    IssueLicenceDelegate(LicenceGateway gateway, LicenceStore licences, OrderStore orders) {
        this.gateway = gateway;
        this.licences = licences;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var order = orders.get(execution.getProcessBusinessKey());
        for (var line : order.lines()) {
            LicenceGateway.Issued issued;
            try {
                issued = gateway.issue(order.id() + ":licence:" + line.id(), line.sku(), line.quantity(), order.customer().email());
            } catch (LicenceException e) {
                throw new AdapterFailure(order.id(), gateway.name(), "issue a licence for " + line.sku(), e);
            }
            licences.save(order.id(), new LicenceStore.Licence(line.id(), line.sku(), issued.licenceKey(), issued.downloadUrl()));
            orders.setLineStatus(line.id(), LineStatus.SHIPPED);
            orders.recordEvent(order.id(), "LICENCE_ISSUED", null, line.sku() + ": download link sent to " + order.customer().email());
        }
    }
}
