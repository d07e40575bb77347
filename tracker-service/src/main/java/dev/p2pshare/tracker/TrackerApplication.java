package dev.p2pshare.tracker;

import dev.p2pshare.tracker.system.DataDir;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogFile;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;

/** The tracker: accounts, sessions, groups, file metadata and peers of p2p-share, over REST. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrackerApplication {

    public static void main(String[] args) {
        // Lets p2p.tracker.data-dir be a plain relative path ("data") in the H2 URL, not only "./data".
        if (System.getProperty("h2.implicitRelativePath") == null) {
            System.setProperty("h2.implicitRelativePath", "true");
        }
        SpringApplication tracker = new SpringApplication(TrackerApplication.class);
        tracker.addListeners(new DataDirBeforeLogging(), new ReadyLine());
        tracker.run(args);
    }

    /**
     * Makes the data folder, owner only ({@link DataDir}), when it is missing, before the logging system opens
     * bin/tracker's log file in it: logback would create the folder with the umask's mode (0755 as a rule), which
     * the tracker then refuses to start with.
     */
    static final class DataDirBeforeLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1; // after the environment is complete, before logging
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (LogFile.get(event.getEnvironment()) == null) return;
            TrackerProperties properties = Binder.get(event.getEnvironment()).bindOrCreate("p2p.tracker", TrackerProperties.class);
            if (Files.notExists(properties.dataDir())) new DataDir(properties);
        }
    }

    /**
     * The one line once the tracker serves: where it listens and where its Swagger UI is. bin/tracker's logging
     * (tracker-logback.xml) puts this logger's lines on the console as they are, whatever the console threshold.
     */
    static final class ReadyLine implements ApplicationListener<ApplicationReadyEvent> {
        private static final Logger log = LoggerFactory.getLogger("dev.p2pshare.tracker.ready");

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            log.info(text(event.getApplicationContext().getEnvironment()));
        }

        static String text(Environment environment) {
            String base = baseUrl(environment);
            return "tracker ready at " + base + " (Swagger UI: " + base + "/swagger-ui.html)";
        }

        /** {@code http(s)://<server.address, or localhost when it listens on every address>:<port it got>}. */
        static String baseUrl(Environment environment) {
            boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, true)
                    && (environment.containsProperty("server.ssl.bundle") || environment.containsProperty("server.ssl.key-store")
                    || environment.containsProperty("server.ssl.certificate"));
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            return (tls ? "https" : "http") + "://" + host(environment.getProperty("server.address")) + ":" + port;
        }

        private static String host(String address) {
            if (address == null || address.isBlank()) return "localhost";
            try {
                InetAddress inet = InetAddress.getByName(address);
                if (inet.isAnyLocalAddress()) return "localhost";
            } catch (UnknownHostException e) {
                return address;
            }
            return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        }
    }
}
