package dev.p2pshare.tracker.grant;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The grant signing key is a secret of the tracker's host: an owner-only file, never plain in the database. */
class GrantKeyFileTest {
    private Map<String, String> database;
    private Path dataDir;

    @BeforeEach
    void freshDatabase() {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        database = TestDatabase.fresh();
        dataDir = Path.of(database.get("p2p.tracker.data-dir"));
    }

    @Test
    void theDataFolderAndItsFilesAreTheOwnersOnlyAndTheDatabaseHasNoPrivateKey() throws Exception {
        try (TrackerInstance tracker = TrackerInstance.start(database)) {
            TrackerClient api = tracker.client();
            User alice = api.newUser();
            var file = manifest("key.bin", 1);
            String group = api.groupSharing(alice, false, file);
            String grant = api.details(alice, group, file.name()).grant();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dataDir)) {
                List<Path> all = files.filter(Files::isRegularFile).toList();
                assertThat(all).anyMatch(f -> f.getFileName().toString().equals(GrantKeys.KEY_FILE));
                for (Path f : all) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
                }
            }
            ECKey key = ECKey.parse(Files.readString(dataDir.resolve(GrantKeys.KEY_FILE)));
            assertThat(key.isPrivate()).isTrue();
            assertThat(api.grantDecoder().decode(grant).getHeaders()).containsEntry("kid", key.getKeyID());
            JdbcTemplate jdbc = tracker.bean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("select private_key from grant_keys", String.class)).containsOnlyNulls();
            assertThat(JWKSet.parse(api.get(Grants.JWKS_PATH, null).body()).getKeys()).allMatch(k -> !k.isPrivate());
        }
    }

    @Test
    void refusesToStartWhenOthersMayReadTheKeyOrItsFolder() throws Exception {
        try (TrackerInstance ignored = TrackerInstance.start(database)) {
            // made the key
        }
        Path keyFile = dataDir.resolve(GrantKeys.KEY_FILE);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> TrackerInstance.start(database)).rootCause()
                .hasMessageContaining("chmod 600 " + keyFile).hasMessageNotContaining("\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> TrackerInstance.start(database)).rootCause()
                .hasMessageContaining("chmod 700 " + dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        try (TrackerInstance again = TrackerInstance.start(database)) {
            assertThat(again.client().get(Grants.JWKS_PATH, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aKeyAnOlderVersionKeptInTheDatabaseMovesIntoTheFile() throws Exception {
        String kid;
        try (TrackerInstance tracker = TrackerInstance.start(database)) {
            kid = tracker.bean(GrantKeys.class).current().kid();
            // As an older version left it: the private half in the database, no key file.
            ECKey key = ECKey.parse(Files.readString(dataDir.resolve(GrantKeys.KEY_FILE)));
            String pkcs8 = Base64.getEncoder().encodeToString(key.toECPrivateKey().getEncoded());
            tracker.bean(JdbcTemplate.class).update("update grant_keys set private_key = ? where kid = ?", pkcs8, kid);
        }
        Files.delete(dataDir.resolve(GrantKeys.KEY_FILE));
        try (TrackerInstance tracker = TrackerInstance.start(database)) {
            assertThat(tracker.bean(GrantKeys.class).current().kid()).isEqualTo(kid);
            assertThat(ECKey.parse(Files.readString(dataDir.resolve(GrantKeys.KEY_FILE))).getKeyID()).isEqualTo(kid);
            assertThat(tracker.bean(JdbcTemplate.class).queryForList("select private_key from grant_keys", String.class))
                    .containsOnlyNulls();
        }
    }
}
