package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityLine;
import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.shared.tracker.ServedCount;
import dev.p2pshare.shared.tracker.ServedReport;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ActivityApiTest extends TrackerTest {

    /** Alice owns a private group sharing one file; Carol is a member; Bob is a member who downloads it. */
    private record Scene(TrackerClient api, User alice, User bob, User carol, String group, Manifest file) {
        ActivityPage page(User caller, String query) {
            TrackerClient.Response response = api.get(activityPath(group, query), caller.token());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            return response.as(ActivityPage.class);
        }

        void served(User reporter, User downloader, long chunks, long bytes) {
            TrackerClient.Response response = api.post(servedPath(group), reporter.token(),
                    new ServedReport(List.of(new ServedCount(downloader.name(), file.sha256(), chunks, bytes))));
            assertThat(response.status()).as(response.body()).isEqualTo(204);
        }
    }

    private Scene scene() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        Manifest file = manifest("holiday.mp4", 3 * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, true, file);
        api.admit(alice, group, bob);
        api.admit(alice, group, carol);
        return new Scene(api, alice, bob, carol, group, file);
    }

    private static String activityPath(String group, String query) {
        return "/api/groups/" + group + "/activity" + (query.isEmpty() ? "" : "?" + query);
    }

    private static String servedPath(String group) {
        return "/api/groups/" + group + "/activity/served";
    }

    @Test
    void theOwnerSeesEveryGrantAndServedReportOthersOnlyTheirOwnLines() {
        Scene s = scene();
        s.api().details(s.bob(), s.group(), s.file().name());
        s.api().details(s.bob(), s.group(), s.file().name()); // the same grant again: no new line
        s.served(s.alice(), s.bob(), 2, 2L * Manifest.CHUNK_SIZE);
        s.served(s.carol(), s.bob(), 1, Manifest.CHUNK_SIZE);

        List<ActivityLine> all = s.page(s.alice(), "").lines();
        assertThat(all).extracting(ActivityLine::kind, ActivityLine::user, ActivityLine::file, ActivityLine::chunks,
                        ActivityLine::reportedBy)
                .containsExactly(
                        tuple(ActivityKind.SERVED, s.bob().name(), s.file().name(), 1L, s.carol().name()),
                        tuple(ActivityKind.SERVED, s.bob().name(), s.file().name(), 2L, s.alice().name()),
                        tuple(ActivityKind.GRANT, s.bob().name(), s.file().name(), null, null));
        assertThat(all.get(2).address()).isEqualTo("127.0.0.1");
        assertThat(all.get(2).sha256()).isEqualTo(s.file().sha256());
        assertThat(all.get(1).bytes()).isEqualTo(2L * Manifest.CHUNK_SIZE);

        assertThat(s.page(s.bob(), "").lines()).isEqualTo(all); // every line is about Bob, the downloader
        assertThat(s.page(s.carol(), "").lines()).containsExactly(all.get(0)); // only what Carol reported
        assertThat(s.page(s.carol(), "user=" + s.carol().name()).lines()).containsExactly(all.get(0));
        assertThat(s.page(s.alice(), "user=" + s.carol().name()).lines()).containsExactly(all.get(0));

        assertThat(s.api().get(activityPath(s.group(), "user=" + s.bob().name()), s.carol().token()).problem(403))
                .contains("only the owner");
        User outsider = s.api().newUser();
        assertThat(s.api().get(activityPath(s.group(), ""), outsider.token()).problem(403)).contains("private");
        assertThat(s.api().get(activityPath(s.group(), ""), null).status()).isEqualTo(401);
        assertThat(s.api().get(activityPath("no-such-group", ""), s.alice().token()).status()).isEqualTo(404);
    }

    @Test
    void filtersAndPagesNarrowTheRecordNewestFirst() {
        Scene s = scene();
        Manifest other = manifest("other.bin", 10);
        assertThat(s.api().share(s.alice(), s.group(), other).status()).isEqualTo(201);
        s.api().details(s.bob(), s.group(), s.file().name());
        s.api().details(s.carol(), s.group(), other.name());
        s.api().details(s.bob(), s.group(), other.name());

        assertThat(s.page(s.alice(), "file=" + other.name()).lines()).extracting(ActivityLine::user)
                .containsExactly(s.bob().name(), s.carol().name());
        assertThat(s.page(s.alice(), "file=" + s.file().sha256()).lines()).extracting(ActivityLine::file)
                .containsExactly(s.file().name());
        assertThat(s.page(s.alice(), "since=1h").lines()).hasSize(3);
        assertThat(s.page(s.alice(), "since=2999-01-01T00:00:00Z").lines()).isEmpty();

        ActivityPage first = s.page(s.alice(), "size=2");
        ActivityPage second = s.page(s.alice(), "size=2&page=1");
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isFalse();
        assertThat(first.lines()).extracting(ActivityLine::user).containsExactly(s.bob().name(), s.carol().name());
        assertThat(second.lines()).extracting(ActivityLine::file).containsExactly(s.file().name());
        assertThat(first.lines().get(0).time()).isAfterOrEqualTo(first.lines().get(1).time());

        for (String bad : List.of("size=0", "size=501", "page=-1", "page=x", "since=yesterday", "since=",
                "user=not%20a%20name", "file=..")) {
            assertThat(s.api().get(activityPath(s.group(), bad), s.alice().token()).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void onlyMembersReportServedChunksAndOnlyAboutGrantedDownloads() {
        Scene s = scene();
        s.api().details(s.bob(), s.group(), s.file().name());
        User outsider = s.api().newUser();
        ServedReport aboutBob = new ServedReport(List.of(new ServedCount(s.bob().name(), s.file().sha256(), 1, 100)));
        assertThat(s.api().post(servedPath(s.group()), outsider.token(), aboutBob).problem(403)).contains("members");

        // Nobody granted Carol the file, nor anyone a file the group never had: those counts are dropped.
        s.api().post(servedPath(s.group()), s.bob().token(), new ServedReport(List.of(
                new ServedCount(s.carol().name(), s.file().sha256(), 1, 100),
                new ServedCount(s.bob().name(), randomHash(), 1, 100),
                new ServedCount("nobody-" + s.bob().name(), s.file().sha256(), 1, 100))));
        assertThat(s.page(s.alice(), "").lines()).extracting(ActivityLine::kind).containsExactly(ActivityKind.GRANT);

        List<ServedReport> malformed = List.of(
                new ServedReport(null),
                new ServedReport(List.of(new ServedCount(s.bob().name(), "ABC", 1, 1))),
                new ServedReport(List.of(new ServedCount("bad name", s.file().sha256(), 1, 1))),
                new ServedReport(List.of(new ServedCount(s.bob().name(), s.file().sha256(), -1, 0))),
                new ServedReport(List.of(new ServedCount(s.bob().name(), s.file().sha256(), 1, Manifest.CHUNK_SIZE + 1L))),
                new ServedReport(Collections.nCopies(ServedReport.MAX_COUNTS + 1,
                        new ServedCount(s.bob().name(), s.file().sha256(), 1, 1))));
        for (ServedReport report : malformed) {
            assertThat(s.api().post(servedPath(s.group()), s.carol().token(), report).status()).isEqualTo(400);
        }
        assertThat(s.page(s.alice(), "").lines()).hasSize(1);
    }

    @Test
    void aMemberOfAnOpenGroupWhoDownloadsWithoutJoiningSeesTheirOwnGrants() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("open.bin", 10);
        String group = api.groupSharing(alice, false, file);
        api.details(bob, group, file.name());
        api.details(alice, group, file.name());
        TrackerClient.Response bobs = api.get(activityPath(group, ""), bob.token());
        assertThat(bobs.as(ActivityPage.class).lines()).extracting(ActivityLine::user).containsExactly(bob.name());
        assertThat(api.get(activityPath(group, ""), alice.token()).as(ActivityPage.class).lines()).hasSize(2);
    }
}
