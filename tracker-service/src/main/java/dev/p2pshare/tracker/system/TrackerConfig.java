package dev.p2pshare.tracker.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
public class TrackerConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
