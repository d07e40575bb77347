package dev.p2pshare.tracker;

import dev.p2pshare.tracker.system.DataDir;
import dev.p2pshare.tracker.system.TrackerProperties;
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
        tracker.addListeners(new ReadyLine());
        tracker.run(args);
    }

    /**
     * Makes the data folder, owner only ({@link DataDir}), before the logging system opens its log file in it:
     * logback would create the folder with the umask's mode (0755 as a rule), which the tracker then refuses to
     * start with. Registered in META-INF/spring.factories, so that it runs for every start, tests too.
     */
    public static final class DataDirBeforeLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1; // after the environment is complete, before logging
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (LogFile.get(event.getEnvironment()) == null) return;
            new DataDir(Binder.get(event.getEnvironment()).bindOrCreate("p2p.tracker", TrackerProperties.class));
        }
    }

    /**
     * The console's one line once the tracker serves (the framework's start-up log goes to the log file): where
     * it listens and where its Swagger UI is. Printed, not logged, so that no log threshold hides it.
     */
    static final class ReadyLine implements ApplicationListener<ApplicationReadyEvent> {
        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            System.out.println(text(event.getApplicationContext().getEnvironment()));
            System.out.flush();
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
