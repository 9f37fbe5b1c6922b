package dev.ordo.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Diagrams the API tests deploy, built with Camunda's fluent model API (which also lays them out,
 * so they open in Modeler). The fluent API has no builder for {@code camunda:properties}, the
 * extension properties Ordo reads (order-type metadata on the process, {@code orderStatus}
 * milestones on flow nodes); {@link #properties} adds them.
 */
final class Diagrams {
    private Diagrams() {}

    /** A type name no other test or run uses: {@code prefix} and 8 random lower-case hex digits. */
    static String uniqueType(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** Adds {@code camunda:property} entries (name, value, name, value, ...) to the element with this id. */
    static BpmnModelInstance properties(BpmnModelInstance model, String elementId, String... namesAndValues) {
        BaseElement element = model.getModelElementById(elementId);
        if (element == null) throw new IllegalArgumentException("no element " + elementId);
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            element.setExtensionElements(extensions);
        }
        CamundaProperties properties = extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .findFirst().orElse(null);
        if (properties == null) properties = extensions.addExtensionElement(CamundaProperties.class);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            CamundaProperty property = model.newInstance(CamundaProperty.class);
            property.setCamundaName(namesAndValues[i]);
            property.setCamundaValue(namesAndValues[i + 1]);
            properties.addChildElement(property);
        }
        return model;
    }

    /** The diagram as the XML file Modeler would save (validated by the model API). */
    static byte[] xml(BpmnModelInstance model) {
        Bpmn.validateModel(model);
        return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
    }
}
