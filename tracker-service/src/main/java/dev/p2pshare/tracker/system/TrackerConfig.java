package dev.p2pshare.tracker.system;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
public class TrackerConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Tomcat's own error page, for requests refused before Spring sees them, answers problem+json too. */
    @Bean
    TomcatContextCustomizer problemErrorPage() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    /**
     * Lets an encoded '/' (%2F) in a path through Tomcat, so that Spring Security's firewall refuses it
     * with a problem+json 400 instead of Tomcat answering an HTML error page.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashToSpring() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
