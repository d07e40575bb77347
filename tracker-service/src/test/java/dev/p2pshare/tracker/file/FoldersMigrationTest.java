package dev.p2pshare.tracker.file;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Files shared before folders existed stay single files of one file each when the tracker upgrades. */
class FoldersMigrationTest {

    @Test
    void filesSharedBeforeFoldersAreSingleFilesAfterTheUpgrade() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
                .target("7").load().migrate();
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO users (id, username, password_hash, created_at) VALUES (1, 'alice', 'x', CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO share_groups (id, name, owner_id, is_private, created_at)"
                    + " VALUES (10, 'open', 1, FALSE, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO shared_files (id, group_id, name, size_bytes, chunk_size, chunk_count, sha256,"
                    + " chunk_hashes, registered_at) VALUES (100, 10, 'old.bin', 1, 524288, 1, 'a', 'a', CURRENT_TIMESTAMP)");

            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
                    .load().migrate();

            try (ResultSet row = sql.executeQuery("SELECT is_folder, file_count, folder_files, empty_folders FROM shared_files")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).isFalse();
                assertThat(row.getInt(2)).isEqualTo(1);
                assertThat(row.getString(3)).isNull();
                assertThat(row.getString(4)).isNull();
            }
        }
    }
}
