package dev.p2pshare.tracker.file;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A database from before "only members hold" loses the holdings of non-members when the tracker upgrades. */
class OnlyMembersHoldMigrationTest {

    @Test
    void anUpgradeDropsHoldingsOfNonMembersAndTheFilesNobodyHoldsThen() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").target("1").load().migrate();
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO users (id, username, password_hash, created_at) VALUES"
                    + " (1, 'alice', 'x', CURRENT_TIMESTAMP), (2, 'bob', 'x', CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO share_groups (id, name, owner_id, is_private, created_at)"
                    + " VALUES (10, 'open', 1, FALSE, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO group_members (group_id, user_id, joined_at) VALUES (10, 1, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO shared_files (id, group_id, name, size_bytes, chunk_size, chunk_count, sha256,"
                    + " chunk_hashes, registered_at) VALUES"
                    + " (100, 10, 'both.bin', 1, 524288, 1, 'a', 'a', CURRENT_TIMESTAMP),"
                    + " (101, 10, 'bobs.bin', 1, 524288, 1, 'b', 'b', CURRENT_TIMESTAMP)");
            // Bob, who never joined, seeds both files of the open group (the old rules allowed it).
            sql.execute("INSERT INTO holdings (file_id, user_id, updated_at) VALUES"
                    + " (100, 1, CURRENT_TIMESTAMP), (100, 2, CURRENT_TIMESTAMP), (101, 2, CURRENT_TIMESTAMP)");

            Flyway.configure().dataSource(url, "sa", "").load().migrate();

            assertThat(rows(sql, "SELECT file_id || ':' || user_id FROM holdings ORDER BY file_id, user_id"))
                    .containsExactly("100:1");
            assertThat(rows(sql, "SELECT name FROM shared_files ORDER BY name")).containsExactly("both.bin");
        }
    }

    private static List<String> rows(Statement sql, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            while (result.next()) rows.add(result.getString(1));
        }
        return rows;
    }
}
