package dev.p2pshare.tracker.peer;

import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.shared.tracker.PeerStanding;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;

class PeerApiTest extends TrackerTest {

    @Test
    void announcingTwiceKeepsTheLatestOriginNormalized() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        var file = manifest("peer.bin", 1);
        String group = api.groupSharing(alice, false, file);
        assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement("http://10.0.0.1:7001")).status()).isEqualTo(200);
        assertThat(holderUrl(api, bob, group)).isEqualTo("http://10.0.0.1:7001");
        assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement("HTTPS://Alice.Example:7002/")).status()).isEqualTo(200);
        assertThat(holderUrl(api, bob, group)).isEqualTo("https://alice.example:7002");
        // The port defaults to the scheme's.
        api.put("/api/peers/me", alice.token(), new PeerAnnouncement("https://alice.example"));
        assertThat(holderUrl(api, bob, group)).isEqualTo("https://alice.example:443");
        api.put("/api/peers/me", alice.token(), new PeerAnnouncement("http://[::1]:7003"));
        assertThat(holderUrl(api, bob, group)).isEqualTo("http://[::1]:7003");
    }

    @Test
    void theAnswerListsTheGroupsTheUserIsAMemberOf() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String open = api.newGroup(alice, false);
        String closed = api.newGroup(alice, true);
        api.join(bob, open);
        api.join(bob, closed);
        PeerStanding standing = api.put("/api/peers/me", bob.token(), new PeerAnnouncement("http://127.0.0.1:7000"))
                .as(PeerStanding.class);
        assertThat(standing.memberOf()).as("a pending request is no membership").containsExactly(open);
        api.delete("/api/groups/" + open + "/members/" + bob.name(), bob.token());
        assertThat(api.put("/api/peers/me", bob.token(), new PeerAnnouncement("http://127.0.0.1:7000"))
                .as(PeerStanding.class).memberOf()).isEmpty();
    }

    @Test
    void onlyHttpOriginsAreAcceptedAndTheAnswerSaysWhatIsWrong() {
        TrackerClient api = api();
        User alice = api.newUser();
        Map<String, String> hostile = Map.ofEntries(
                Map.entry("", "missing"),
                Map.entry("not a url", "not a valid URL"),
                Map.entry("ftp://x:21", "must start with"),
                Map.entry("file:///etc/passwd", "must start with"),
                Map.entry("javascript:alert(1)", "must start with"),
                Map.entry("/relative", "must start with"),
                Map.entry("http://", "not a valid URL"),
                Map.entry("http:opaque", "host"),
                Map.entry("http://under_score:80", "host"),
                Map.entry("http://alice:secret@127.0.0.1:7000", "user info"),
                Map.entry("http://@127.0.0.1:7000", "user info"),
                Map.entry("http://127.0.0.1:7000/evil", "path"),
                Map.entry("http://127.0.0.1:7000/chunks/", "path"),
                Map.entry("http://127.0.0.1:7000//", "path"),
                Map.entry("http://127.0.0.1:7000?next=http://evil", "query"),
                Map.entry("http://127.0.0.1:7000/?", "query"),
                Map.entry("http://127.0.0.1:7000#frag", "fragment"),
                Map.entry("http://127.0.0.1:0", "port"),
                Map.entry("http://127.0.0.1:65536", "port"),
                Map.entry("http://" + "x".repeat(2100) + ":1", "longer than 2048"));
        hostile.forEach((url, what) -> {
            String detail = api.put("/api/peers/me", alice.token(), new PeerAnnouncement(url)).problem(400);
            assertThat(detail).as(url).contains("url").contains(what).contains("origin");
        });
        assertThat(api.put("/api/peers/me", alice.token(), new PeerAnnouncement(null)).problem(400)).contains("url");
        assertThat(api.put("/api/peers/me", null, new PeerAnnouncement("http://a:1")).problem(401)).isNotBlank();
    }

    private static String holderUrl(TrackerClient api, User caller, String group) {
        return api.details(caller, group, "peer.bin").peers().stream().map(PeerHolding::url).findFirst().orElseThrow();
    }
}
