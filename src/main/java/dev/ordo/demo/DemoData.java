package dev.ordo.demo;

import dev.ordo.catalog.CatalogStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo profile's warehouses and products with stock: everyday goods, furniture with lead times
 * (order type furniture), an e-book (digital), a console with a release date in 30 days (preorder)
 * and a poster with no stock (to see a backorder). Added only where missing, so stock levels
 * changed while playing with the demo survive a restart. (The demo API keys and the Camunda user
 * demo/demo come from application-demo.yml.)
 */
@Component
@ConditionalOnProperty(name = "ordo.demo-data", havingValue = "true")
class DemoData {
    private final CatalogStore catalog;

    DemoData(CatalogStore catalog) {
        this.catalog = catalog;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Transactional
    public void load() {
        catalog.saveWarehouse(new CatalogStore.Warehouse("us-east", "US East (Newark)", "US", "NJ"));
        catalog.saveWarehouse(new CatalogStore.Warehouse("us-west", "US West (Reno)", "US", "NV"));
        catalog.saveWarehouse(new CatalogStore.Warehouse("eu-central", "EU Central (Frankfurt)", "DE", null));
        product("LAMP-01", "Desk lamp", 1200, "home", 0, false, 50, 20, 10);
        product("MUG-01", "Coffee mug", 350, "kitchen", 0, false, 200, 100, 80);
        product("CHAIR-01", "Office chair", 14000, "furniture", 3, false, 10, 5, 2);
        product("SOFA-01", "Three-seat sofa", 45000, "furniture", 14, false, 3, 2, 1);
        product("POSTER-01", "Limited poster", 200, "art", 0, false, 0, 0, 0);
        product("EBOOK-01", "Camunda for shops (e-book)", 0, "books", 0, true, 0, 0, 0);
        product("CONSOLE-02", "Game console 2 (pre-order)", 3500, "electronics", 0, false, 0, 0, 0,
                java.time.LocalDate.now().plusDays(30));
    }

    private void product(String sku, String name, int grams, String category, int leadTimeDays, boolean digital,
            int usEast, int usWest, int euCentral) {
        product(sku, name, grams, category, leadTimeDays, digital, usEast, usWest, euCentral, null);
    }

    private void product(String sku, String name, int grams, String category, int leadTimeDays, boolean digital,
            int usEast, int usWest, int euCentral, java.time.LocalDate releaseDate) {
        if (catalog.product(sku).isPresent()) return;
        catalog.saveProduct(new CatalogStore.Product(sku, name, grams, category, leadTimeDays, digital, releaseDate));
        if (!digital) {
            catalog.setOnHand("us-east", sku, usEast);
            catalog.setOnHand("us-west", sku, usWest);
            catalog.setOnHand("eu-central", sku, euCentral);
        }
    }
}
