package dev.p2pshare.tracker;

import org.springframework.test.context.ActiveProfilesResolver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which database the tracker tests run on: a fresh H2 file database under target/test-data by default, or,
 * with {@code -Dp2p.test.db=postgres}, a fresh schema in the PostgreSQL at {@code p2p.test.pg-url} (default
 * 127.0.0.1:5432/test, user postgres, trust authentication), dropped when the JVM ends.
 */
public final class TestDatabase implements ActiveProfilesResolver {
    public static final boolean POSTGRES = "postgres".equals(System.getProperty("p2p.test.db"));
    private static final String PG_URL = System.getProperty("p2p.test.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("p2p.test.pg-user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("p2p.test.pg-password", "");

    @Override
    public String[] resolve(Class<?> testClass) {
        return POSTGRES ? new String[]{"postgres"} : new String[0];
    }

    /** False only when the tests should run on PostgreSQL and it cannot be reached. */
    public static boolean available() {
        if (!POSTGRES) return true;
        try (Connection ignored = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Spring properties of a new, empty database (plus the profile when it is PostgreSQL). */
    public static Map<String, String> fresh() {
        Map<String, String> properties = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // The tracker makes the folder itself, owner-only, as it must be.
        properties.put("p2p.tracker.data-dir", Path.of("target", "test-data", id).toAbsolutePath().toString());
        if (POSTGRES) {
            String schema = "tracker_test_" + id;
            execute("CREATE SCHEMA " + schema);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE")));
            properties.put("spring.profiles.active", "postgres");
            properties.put("spring.datasource.url", PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            properties.put("spring.datasource.username", PG_USER);
            properties.put("spring.datasource.password", PG_PASSWORD);
        }
        return properties;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }
}
