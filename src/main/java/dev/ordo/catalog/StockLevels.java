package dev.ordo.catalog;

import dev.ordo.order.OrderStore;
import dev.ordo.process.OrderProcess;
import dev.ordo.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting stock: the new level and the wake-up of orders waiting for that SKU commit together. */
@Service
public class StockLevels {
    private final CatalogStore catalog;
    private final OrderStore orders;
    private final OrderProcess process;

    StockLevels(CatalogStore catalog, OrderStore orders, OrderProcess process) {
        this.catalog = catalog;
        this.orders = orders;
        this.process = process;
    }

    @Transactional
    public CatalogStore.StockLevel setOnHand(String warehouseId, String sku, int onHand) {
        if (!catalog.warehouseExists(warehouseId)) throw ApiException.notFound("warehouse " + warehouseId);
        if (catalog.product(sku).isEmpty()) throw ApiException.notFound("product " + sku);
        if (!catalog.setOnHand(warehouseId, sku, onHand)) {
            throw ApiException.conflict("onHand " + onHand + " is below the quantity already reserved in "
                    + warehouseId + " (" + catalog.stock(warehouseId, sku).orElseThrow().reserved() + ")");
        }
        process.stockReplenished(orders.backorderedWith(sku));
        return catalog.stock(warehouseId, sku).orElseThrow();
    }
}
