package dev.ordo.process;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this Ordo node in the engine's tables, so that with several nodes on one database an operator
 * sees which node holds a job ({@code ACT_RU_JOB.LOCK_OWNER_}) and which ran it
 * ({@code ACT_HI_JOB_LOG.HOSTNAME_}, Cockpit's job log). {@code ordo.node-id} (scripts/cluster.sh sets
 * {@code node-1}, {@code node-2}, ...); by default the host name and process id, unique per process.
 * Camunda's own defaults are a random UUID (lock owner) and the IP address (job log).
 */
@Component
class NodeIdentity extends AbstractProcessEnginePlugin {
    private final String nodeId;

    NodeIdentity(@Value("${ordo.node-id:}") String configured) {
        this.nodeId = configured == null || configured.isBlank() ? defaultId() : configured.trim();
    }

    String nodeId() {
        return nodeId;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHostname(nodeId);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor jobExecutor = configuration.getJobExecutor();
        if (jobExecutor != null) {
            jobExecutor.setLockOwner(nodeId);
        }
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "ordo";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
