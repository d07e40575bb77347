package dev.p2pshare.tracker;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** A whole tracker started by a test on a random port, for tests that stop, restart or multiply it. */
public final class TrackerInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private TrackerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a tracker on {@code database} (see {@link TestDatabase#fresh()}) with extra properties. */
    public static TrackerInstance start(Map<String, String> database, String... properties) {
        Map<String, String> all = new LinkedHashMap<>(database);
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("p2p.tracker.password-hash-memory", "1MB");
        // Every test calls from 127.0.0.1: tests of the per-address limits set them lower.
        all.put("p2p.tracker.auth-requests-per-minute", "1000000");
        all.put("p2p.tracker.login-max-failures-per-address", "1000000");
        all.put("logging.level.root", "WARN");
        for (String property : properties) {
            int eq = property.indexOf('=');
            all.put(property.substring(0, eq), property.substring(eq + 1));
        }
        // As command-line arguments: they outrank application.yml, as they do for bin/tracker.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(TrackerApplication.class);
        if (TestDatabase.POSTGRES) builder.profiles("postgres");
        return new TrackerInstance(builder.run(args));
    }

    public TrackerClient client() {
        return new TrackerClient(port());
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
