package dev.p2pshare.tracker.system;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration
public class TrackerConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * H2 creates its files when the DataSource first connects: the DataSource waits for the {@link DataDir},
     * so the data folder is made 0700 (or the start refused) before anything is written into it.
     */
    @Bean
    static DataSourceAfterDataDir dataSourceAfterDataDir() {
        return new DataSourceAfterDataDir();
    }

    static final class DataSourceAfterDataDir extends AbstractDependsOnBeanFactoryPostProcessor {
        DataSourceAfterDataDir() {
            super(DataSource.class, DataDir.class);
        }
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
