package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

/** Which version new orders start on: asked of the engine at most once a second, and again after a deployment. */
class LatestOrderTypesTest {
    private final LatestOrderTypes latest = new LatestOrderTypes();
    private final List<String> asked = new ArrayList<>();
    private OrderType current = type(3);

    private final Function<String, Optional<OrderType>> engine = t -> {
        asked.add(t);
        return t.equals("standard") ? Optional.of(current) : Optional.empty();
    };

    private static OrderType type(int version) {
        return new OrderType("standard", "Standard", "order-standard", version, true, List.of(), "order-standard:" + version);
    }

    @Test
    void placementsWithinASecondAskTheEngineOnceAndGetTheSameVersion() {
        assertThat(latest.get("standard", engine)).contains(type(3));
        current = type(4); // deployed on another node: not seen yet
        assertThat(latest.get("standard", engine)).contains(type(3));
        assertThat(asked).containsExactly("standard");
    }

    @Test
    void aVersionDeployedOnAnotherNodeIsSeenOnceTheSecondIsOver() throws InterruptedException {
        latest.get("standard", engine);
        current = type(4);
        Thread.sleep(LatestOrderTypes.FRESH_FOR_NANOS / 1_000_000 + 50);
        assertThat(latest.get("standard", engine)).contains(type(4));
    }

    @Test
    void parsingADiagramOnThisNodeForgetsTheVersionsSoTheNextPlacementTakesTheNewOne() {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        latest.preInit(configuration);
        latest.get("standard", engine);
        current = type(4);

        configuration.getCustomPostBPMNParseListeners().get(0).parseProcess(null, null);

        assertThat(latest.get("standard", engine)).contains(type(4));
        assertThat(asked).hasSize(2);
    }

    @Test
    void unknownTypesAreAskedEveryTimeAndNotRemembered() {
        assertThat(latest.get("nonsense", engine)).isEmpty();
        assertThat(latest.get("nonsense", engine)).isEmpty();
        assertThat(asked).containsExactly("nonsense", "nonsense");
    }
}
