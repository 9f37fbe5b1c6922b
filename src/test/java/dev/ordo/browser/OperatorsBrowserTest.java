package dev.ordo.browser;

import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport;
import dev.ordo.payment.SimulatedPaymentGateway;
import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What staff and operators do in a real browser (headless Chromium): work a review task in Tasklist,
 * retry an incident in Cockpit, read the API in Swagger UI. Orders are set up through Ordo's API as a
 * storefront would; each test leaves a screenshot of what it saw under {@code target/screenshots/}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OperatorsBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    SimulatedPaymentGateway paymentProvider;

    ApiSupport api;

    @BeforeEach
    void setUp() {
        api = new ApiSupport(port);
    }

    @Test
    void aReviewerApprovesAHighValueOrderWithItsFormInTasklist() {
        String sku = api.newProductIn("us-east", 5);
        // 2 x 600.00 from a customer who never ordered: the order-risk table asks for a review
        String id = api.place(with(orderOf(newCustomer(), sku), "lines[0].unitPrice", "600.00"));
        api.awaitStatus(id, "IN_REVIEW");
        await("review task of " + id).atMost(PROCESS_TIMEOUT).until(() ->
                tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("Task_ReviewOrder").count() == 1);

        try (Browser browser = new Browser(port, 1400, 2000)) {
            browser.camundaLogin("tasklist", "demo", "demo");
            // the "All tasks" filter lists the task, named after the order
            browser.clickable(By.partialLinkText("Review order " + id.substring(0, 8))).click();

            // the Camunda Form (ui-forms/manual-review.form) with the order's data; field ids come from the .form file
            browser.await("the form shows order " + id, d -> id.equals(field(browser, "Field_OrderId").getDomProperty("value")));
            assertThat(field(browser, "Field_OrderTotalText").getDomProperty("value")).isEqualTo("1200.00 USD");
            assertThat(field(browser, "Field_ItemsSummary").getDomProperty("value")).contains(sku);

            browser.clickable(By.cssSelector("button.claim")).click();
            WebElement approve = browser.clickable(By.cssSelector("input[type='radio'][id$='-Field_ReviewDecision-0']"));
            assertThat(browser.driver().findElement(By.cssSelector("label[for='" + approve.getDomAttribute("id") + "']")).getText())
                    .startsWith("Approve");
            approve.click();
            browser.clickable(By.cssSelector("textarea[id$='-Field_ReviewComment']"))
                    .sendKeys("Called the customer, the order is genuine.");
            browser.screenshot("tasklist-review-form");

            browser.clickable(By.cssSelector("button[ng-click='complete()']")).click();
            await("review task of " + id + " completed").atMost(PROCESS_TIMEOUT).until(() ->
                    tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("Task_ReviewOrder").count() == 0);
        }

        JsonNode order = api.awaitStatus(id, "CONFIRMED");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(api.timeline(id).toString()).contains("REVIEW_APPROVED", "Reviewed by demo: Called the customer");
    }

    /**
     * The provider recovering is the payment simulator's outage switch: while it is on, every call
     * fails technically (HTTP 503) as during a real outage; switching it off is the provider coming
     * back. (An order paid with {@code tok_unavailable} cannot be used: that token fails forever, by
     * design, so no retry could ever succeed; rewriting the order's token in the database would
     * change the customer's payment, not the provider.)
     */
    @Test
    void anOperatorRetriesAPaymentIncidentInCockpitAfterTheProviderRecovers() {
        String sku = api.newProductIn("us-east", 5);
        String id;
        ProcessInstance fulfilment;
        paymentProvider.setOutage(true);
        try {
            id = api.place(orderOf(newCustomer(), sku));
            fulfilment = await("fulfilment of " + id).atMost(PROCESS_TIMEOUT).until(() -> runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(id).processDefinitionKey("fulfil-order").singleResult(), p -> p != null);
            // the test profile's retry cycle R2/PT1S: two failed attempts, then the incident
            await("incident of " + id).atMost(PROCESS_TIMEOUT).until(() -> runtime.createIncidentQuery()
                    .processInstanceId(fulfilment.getId()).count() == 1);
            assertThat(api.order(id).path("status").asText()).isEqualTo("RECEIVED");

            try (Browser browser = new Browser(port, 1600, 1000)) {
                browser.camundaLogin("cockpit", "demo", "demo");
                // where Processes → Fulfil order → business key = the order id leads an operator
                browser.open("/camunda/app/cockpit/default/#/process-instance/" + fulfilment.getId()
                        + "/runtime?tab=incidents-tab");
                WebElement message = browser.visible(By.xpath("//td[contains(@class,'message')]//a[contains(., 'Order " + id + "')]"));
                assertThat(message.getDomProperty("textContent").trim()).isEqualTo("Order " + id
                        + ": payment gateway (simulator) failed to authorize 39.98 USD: provider unavailable (HTTP 503) on authorize (simulated outage)");
                browser.screenshot("cockpit-incident");

                paymentProvider.setOutage(false); // the provider is back

                browser.clickable(By.cssSelector("a[ng-click='openJobRetryDialog(incident)']")).click();
                browser.clickable(By.cssSelector("button[ng-click='incrementRetry()']")).click();
                browser.visible(By.xpath("//div[contains(@class,'modal-body')]//div[contains(., 'has been incremented successfully')]"));
                browser.screenshot("cockpit-incident-retried");
                browser.clickable(By.xpath("//button[@ng-click='close(status)' and normalize-space(.)='OK']")).click();
            }
        } finally {
            paymentProvider.setOutage(false);
        }

        JsonNode order = api.awaitStatus(id, "CONFIRMED");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(runtime.createIncidentQuery().processInstanceId(fulfilment.getId()).count()).isZero();
    }

    @Test
    void swaggerUiListsTheOrderEndpoints() {
        try (Browser browser = new Browser(port, 1400, 1400)) {
            browser.open("/swagger-ui.html");
            browser.visible(By.cssSelector(".opblock.opblock-post .opblock-summary-path[data-path='/api/v1/orders']"));
            browser.visible(By.cssSelector(".opblock.opblock-get .opblock-summary-path[data-path='/api/v1/orders/{id}']"));
            browser.visible(By.cssSelector(".opblock.opblock-post .opblock-summary-path[data-path='/api/v1/carrier-events']"));
            browser.screenshot("swagger-ui");
        }
    }

    private static WebElement field(Browser browser, String fieldId) {
        return browser.visible(By.cssSelector("[id$='-" + fieldId + "']"));
    }
}
