package dev.ordo.licence;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_IssueLicence: one licence key and download link per line of a digital order. */
@Component
class IssueLicenceDelegate implements JavaDelegate {
    private final LicenceGateway gateway;
    private final LicenceStore licences;
    private final OrderStore orders;
    private final AdapterCalls calls;

    IssueLicenceDelegate(LicenceGateway gateway, LicenceStore licences, OrderStore orders, AdapterCalls calls) {
        this.gateway = gateway;
        this.licences = licences;
        this.orders = orders;
        this.calls = calls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var order = orders.get(execution.getProcessBusinessKey());
        for (var line : order.lines()) {
            LicenceGateway.Issued issued;
            try {
                issued = calls.record("licence", "issue", () -> gateway.issue(order.id() + ":licence:" + line.id(),
                        line.sku(), line.quantity(), order.customer().email()));
            } catch (LicenceException e) {
                throw new AdapterFailure(order.id(), gateway.name(), "issue a licence for " + line.sku(), e);
            }
            licences.save(order.id(), new LicenceStore.Licence(line.id(), line.sku(), issued.licenceKey(), issued.downloadUrl()));
            orders.setLineStatus(line.id(), dev.ordo.order.LineStatus.SHIPPED); // delivered electronically
            orders.recordEvent(order.id(), "LICENCE_ISSUED", null, line.sku() + ": download link sent to " + order.customer().email());
        }
    }
}
