package dev.ordo.diagrams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Camunda Modeler only shows what has diagram interchange: every flow node of every diagram in
 * processes/ needs a shape and every sequence flow an edge, and ids people and code refer to must
 * not be Modeler's generated ones. (bpmnlint, run by scripts/test.sh, checks the modelling rules.)
 */
class DiagramLayoutTest {

    static Stream<Path> diagrams() throws IOException {
        return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void everyElementIsDrawnAndNamedForPeople(Path file) {
        var model = Bpmn.readModelFromFile(file.toFile());
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).toList();
        List<String> flows = model.getModelElementsByType(SequenceFlow.class).stream().map(BaseElement::getId).toList();

        assertThat(nodes).as("%s has flow nodes", file).isNotEmpty();
        assertThat(shapes).as("shapes in %s", file).containsAll(nodes);
        assertThat(edges).as("edges in %s", file).containsAll(flows);
        assertThat(model.getModelElementsByType(FlowElement.class)).as("ids in %s", file)
                .allSatisfy(e -> assertThat(e.getId()).doesNotMatch("(Activity|Gateway|Event|Flow|StartEvent|EndEvent)_[0-9a-z]{7}"));
        assertThat(model.getModelElementsByType(Process.class)).allSatisfy(p -> assertThat(p.isExecutable()).isTrue());
    }
}
