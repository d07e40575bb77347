package dev.p2pshare.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerAddressesTest {
    @TempDir
    Path cwd;

    private void writeInfoFile(String text) throws Exception {
        Files.writeString(cwd.resolve("tracker_info.txt"), text);
    }

    @Test
    void optionWinsOverEverythingElse() throws Exception {
        writeInfoFile("10.0.0.1:9000\n");

        List<String> trackers = TrackerAddresses.resolve(List.of("a:1", "http://b:2/"), Map.of("P2P_TRACKER", "c:3"),
                cwd, List.of("http://d:4"));

        assertThat(trackers).containsExactly("http://a:1", "http://b:2");
    }

    @Test
    void environmentComesNextAndMayListSeveral() throws Exception {
        writeInfoFile("10.0.0.1:9000\n");

        List<String> trackers = TrackerAddresses.resolve(List.of(), Map.of("P2P_TRACKER", "c:3, https://e:5"),
                cwd, List.of("http://d:4"));

        assertThat(trackers).containsExactly("http://c:3", "https://e:5");
    }

    @Test
    void theSessionsTrackersComeBeforeTheInfoFile() throws Exception {
        writeInfoFile("10.0.0.1:9000\n");

        assertThat(TrackerAddresses.resolve(List.of(), Map.of(), cwd, List.of("http://d:4"))).containsExactly("http://d:4");
    }

    @Test
    void everyLineOfTrackerInfoIsATrackerInOrder() throws Exception {
        writeInfoFile("127.0.0.1:9000\n\n  127.0.0.1:9001  \nhttp://tracker.example:80/\n");

        assertThat(TrackerAddresses.resolve(List.of(), Map.of(), cwd, null))
                .containsExactly("http://127.0.0.1:9000", "http://127.0.0.1:9001", "http://tracker.example:80");
    }

    @Test
    void withoutAnythingItIsLocalhost9000() {
        assertThat(TrackerAddresses.resolve(null, Map.of("P2P_TRACKER", " "), cwd, List.of()))
                .containsExactly("http://localhost:9000");
    }

    @Test
    void aBareHostMeansTheTrackersPort9000AndAFullUrlKeepsItsOwn() {
        assertThat(TrackerAddresses.resolve(List.of("127.0.0.1", "tracker.example/", "[::1]", "http://proxy.example",
                "https://secure.example"), Map.of(), cwd, null)).containsExactly("http://127.0.0.1:9000",
                "http://tracker.example:9000", "http://[::1]:9000", "http://proxy.example", "https://secure.example");
    }

    @Test
    void duplicatesAreDropped() {
        assertThat(TrackerAddresses.resolve(List.of("a:1", "http://a:1/"), Map.of(), cwd, null)).containsExactly("http://a:1");
    }

    @Test
    void anAddressThatIsNoURLIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> TrackerAddresses.resolve(List.of(), Map.of("P2P_TRACKER", "ftp://x:1"), cwd, null))
                .isInstanceOf(CliFailure.class)
                .hasMessage("not a tracker address in P2P_TRACKER: 'ftp://x:1' (expected host:port or http://host:port)")
                .extracting(e -> ((CliFailure) e).exitCode()).isEqualTo(1);
    }
}
