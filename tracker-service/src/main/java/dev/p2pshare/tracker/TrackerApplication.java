package dev.p2pshare.tracker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

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
        SpringApplication.run(TrackerApplication.class, args);
    }
}
