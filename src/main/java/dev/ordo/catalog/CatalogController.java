package dev.ordo.catalog;

import dev.ordo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Catalogue and stock for operations (role ops). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalogue and stock", description = "Products, warehouses and stock levels (role ops)")
class CatalogController {
    private final CatalogStore catalog;
    private final StockLevels stock;

    CatalogController(CatalogStore catalog, StockLevels stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    record ProductRequest(@NotBlank @Size(max = 200) String name,
                          @NotNull @Min(0) @Max(10_000_000) Integer weightGrams,
                          @Size(max = 64) String category,
                          @Min(0) @Max(3650) Integer leadTimeDays,
                          Boolean digital,
                          @io.swagger.v3.oas.annotations.media.Schema(description = "pre-orders ship from this date (ISO date)") java.time.LocalDate releaseDate) {}

    record StockRequest(@NotNull @Min(0) @Max(100_000_000) Integer onHand) {}

    record StockView(String warehouseId, String sku, int onHand, int reserved, int available) {
        static StockView of(CatalogStore.StockLevel s) {
            return new StockView(s.warehouseId(), s.sku(), s.onHand(), s.reserved(), s.available());
        }
    }

    record WarehouseRequest(@NotBlank @Size(max = 200) String name,
                            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
                            @Size(max = 64) String region) {}

    @PutMapping("/products/{sku}")
    @Operation(summary = "Create or update a product")
    CatalogStore.Product putProduct(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String sku,
            @Valid @RequestBody ProductRequest body) {
        var product = new CatalogStore.Product(sku, body.name(), body.weightGrams(), body.category(),
                body.leadTimeDays() == null ? 0 : body.leadTimeDays(), Boolean.TRUE.equals(body.digital()), body.releaseDate());
        catalog.saveProduct(product);
        return product;
    }

    @GetMapping("/products/{sku}")
    @Operation(summary = "Read a product")
    CatalogStore.Product product(@PathVariable String sku) {
        return catalog.product(sku).orElseThrow(() -> ApiException.notFound("product " + sku));
    }

    @GetMapping("/products")
    @Operation(summary = "List products")
    List<CatalogStore.Product> products() {
        return catalog.products();
    }

    @PutMapping("/inventory/{warehouseId}/{sku}")
    @Operation(summary = "Set the on-hand stock of a SKU in a warehouse; waiting backorders retry their reservation")
    StockView putStock(@PathVariable String warehouseId, @PathVariable String sku, @Valid @RequestBody StockRequest body) {
        return StockView.of(stock.setOnHand(warehouseId, sku, body.onHand()));
    }

    @GetMapping("/inventory/{sku}")
    @Operation(summary = "Stock of a SKU in every warehouse")
    List<StockView> stock(@PathVariable String sku) {
        if (catalog.product(sku).isEmpty()) throw ApiException.notFound("product " + sku);
        return catalog.stockOf(sku).stream().map(StockView::of).toList();
    }

    @GetMapping("/warehouses")
    @Operation(summary = "List warehouses")
    List<CatalogStore.Warehouse> warehouses() {
        return catalog.warehouses();
    }

    @PutMapping("/warehouses/{id}")
    @Operation(summary = "Create or update a warehouse")
    CatalogStore.Warehouse putWarehouse(@PathVariable @Pattern(regexp = "[a-z0-9-]{1,64}") String id,
            @Valid @RequestBody WarehouseRequest body) {
        var warehouse = new CatalogStore.Warehouse(id, body.name(), body.country(), body.region());
        catalog.saveWarehouse(warehouse);
        return warehouse;
    }
}
