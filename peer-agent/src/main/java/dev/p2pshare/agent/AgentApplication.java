package dev.p2pshare.agent;

import dev.p2pshare.agent.system.ProcessExit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The peer agent: one per session folder; serves chunks to peers, runs downloads, answers the CLI. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(AgentApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("processExit", (ProcessExit) System::exit))
                .run(args);
    }
}
