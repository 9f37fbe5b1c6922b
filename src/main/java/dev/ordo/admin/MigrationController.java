package dev.ordo.admin;

import dev.ordo.process.Migrations;
import dev.ordo.process.OrderType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations: moving in-flight orders between process versions (role ops). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin", description = "Process version migration (role ops)")
class MigrationController {
    private final Migrations migrations;

    MigrationController(Migrations migrations) {
        this.migrations = migrations;
    }

    record MigrationRequest(@NotNull @Min(1) Integer fromVersion, @NotNull @Min(1) Integer toVersion, Boolean dryRun) {}

    @PostMapping("/order-types/{type}/migrations")
    @Operation(summary = "Migrate the running orders of a type from one version to another",
            description = "dryRun (default true) only reports: the mapped activities and where instances wait that cannot be mapped. "
                    + "A real run returns 202 with the Camunda batch id; 409 if the plan cannot migrate every instance.")
    ResponseEntity<Migrations.Report> migrateOrderType(@PathVariable @Pattern(regexp = "[a-z0-9-]{1,64}") String type,
            @Valid @RequestBody MigrationRequest request) {
        return migrate(OrderType.KEY_PREFIX + type, request);
    }

    @PostMapping("/processes/{processKey}/migrations")
    @Operation(summary = "Migrate running instances of a shared called process (e.g. fulfil-order)")
    ResponseEntity<Migrations.Report> migrateProcess(@PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,255}") String processKey,
            @Valid @RequestBody MigrationRequest request) {
        return migrate(processKey, request);
    }

    @GetMapping("/migrations/{batchId}")
    @Operation(summary = "Progress of a migration batch")
    Migrations.BatchStatus batch(@PathVariable String batchId) {
        return migrations.batch(batchId);
    }

    private ResponseEntity<Migrations.Report> migrate(String key, MigrationRequest request) {
        boolean dryRun = request.dryRun() == null || request.dryRun();
        var report = migrations.migrate(key, request.fromVersion(), request.toVersion(), dryRun);
        return ResponseEntity.status(report.batchId() != null ? HttpStatus.ACCEPTED : HttpStatus.OK).body(report);
    }
}
