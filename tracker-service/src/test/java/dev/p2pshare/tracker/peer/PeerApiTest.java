package dev.p2pshare.tracker.peer;

import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;

class PeerApiTest extends TrackerTest {

    @Test
    void announcingTwiceKeepsTheLatestUrl() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        var file = manifest("peer.bin", 1);
        String group = api.groupSharing(alice, false, file);
        assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement("http://10.0.0.1:7001")).status()).isEqualTo(204);
        assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement("https://alice.example:7002/")).status()).isEqualTo(204);
        assertThat(api.details(bob, group, file.name()).peers())
                .extracting(p -> p.url()).containsExactly("https://alice.example:7002/");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreAccepted() {
        TrackerClient api = api();
        User alice = api.newUser();
        for (String bad : new String[]{"", "not a url", "ftp://x/", "/relative", "http://", "http://" + "x".repeat(2100)}) {
            assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement(bad)).problem(400)).contains("url");
        }
        assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement(null)).problem(400)).contains("url");
        assertThat(api.put("/api/peers/me", null, new PeerAnnouncement("http://a:1")).problem(401)).isNotBlank();
    }
}
