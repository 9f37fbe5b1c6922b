package dev.ordo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of the design notes, checked on the compiled classes. */
@AnalyzeClasses(packages = "dev.ordo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Only delegates and listeners, the engine client (dev.ordo.process) and Camunda's security wiring talk to Camunda. */
    @ArchTest
    static final ArchRule onlyDelegatesAndTheEngineClientUseCamunda = noClasses()
            .that().doNotImplement(org.camunda.bpm.engine.delegate.JavaDelegate.class)
            .and().doNotImplement(org.camunda.bpm.engine.delegate.TaskListener.class)
            .and().doNotImplement(org.camunda.bpm.engine.delegate.ExecutionListener.class)
            .and().resideOutsideOfPackages("dev.ordo.process..", "dev.ordo.security..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .because("the REST layer and stores reach the engine through the OrderProcess port");

    @ArchTest
    static final ArchRule controllersDoNotUseTheEngineDirectly = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..");

    @ArchTest
    static final ArchRule adaptersAreReachedThroughTheirPorts = noClasses()
            .that().resideOutsideOfPackages("dev.ordo.payment..", "dev.ordo.shipping..")
            .should().dependOnClassesThat().haveSimpleNameStartingWith("Simulated")
            .because("delegates call PaymentGateway and CarrierGateway, never a particular adapter");
}
