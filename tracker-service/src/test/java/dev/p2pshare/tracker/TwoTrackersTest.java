package dev.p2pshare.tracker;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two tracker instances on one database: any instance answers any request, and races are settled by the database. */
class TwoTrackersTest {
    private static final int RACERS = 8;
    private static TrackerInstance first;
    private static TrackerInstance second;
    private static TrackerClient one;
    private static TrackerClient two;

    @BeforeAll
    static void start() {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        Map<String, String> database = TestDatabase.fresh();
        first = TrackerInstance.start(database);
        second = TrackerInstance.start(database);
        one = first.client();
        two = second.client();
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    @Test
    void sessionsMadeOnOneInstanceWorkAndDieOnTheOther() {
        User alice = one.newUser();
        String token = two.login(alice.name());
        assertThat(one.get("/api/users/me", token).status()).isEqualTo(200);
        assertThat(two.delete("/api/sessions/current", alice.token()).status()).isEqualTo(204);
        assertThat(one.get("/api/users/me", alice.token()).problem(401)).isNotBlank();
    }

    @Test
    void aTokenInUseOnOneInstanceDiesThereWithinTheCacheTtlOfALogoutOnTheOther() throws InterruptedException {
        User alice = one.newUser();
        assertThat(one.get("/api/users/me", alice.token()).status()).isEqualTo(200); // instance 1 trusts it for a while
        assertThat(two.delete("/api/sessions/current", alice.token()).status()).isEqualTo(204);
        assertThat(firstAnswerOtherThan200("/api/users/me", alice.token())).isEqualTo(401);
    }

    @Test
    void aMemberWhoLeavesThroughOneInstanceIsRefusedByTheOtherWithinTheCacheTtl() throws InterruptedException {
        User alice = one.newUser();
        User bob = one.newUser();
        Manifest file = manifest("minutes.txt", 100);
        String group = one.groupSharing(alice, true, file);
        one.admit(alice, group, bob);
        String path = filePath(group, file.name()) + "?manifest=false";
        assertThat(one.get(path, bob.token()).status()).isEqualTo(200); // instance 1 knows bob as a member for a while
        assertThat(two.delete("/api/groups/" + group + "/members/" + bob.name(), bob.token()).status()).isEqualTo(204);
        assertThat(firstAnswerOtherThan200(path, bob.token())).isEqualTo(403);
    }

    /** What instance 1 answers {@code path} once it stops answering 200, asked until its cache-ttl and a second are over. */
    private static int firstAnswerOtherThan200(String path, String token) throws InterruptedException {
        long deadline = System.nanoTime() + first.bean(TrackerProperties.class).cacheTtl().plusSeconds(1).toNanos();
        int status;
        while ((status = one.get(path, token).status()) == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return status;
    }

    @Test
    void aliceSharesThroughOneBobDownloadsThroughTheOther() {
        User alice = one.newUser();
        String group = one.newGroup(alice, true);
        User bob = two.newUser();
        two.join(bob, group);
        one.accept(alice, group, bob);
        Manifest file = manifest("film.mkv", 9_000_000);
        one.announce(alice);
        one.share(alice, group, file);

        FileDetails details = two.details(bob, group, file.name());
        assertThat(details.peers()).extracting(p -> p.username()).containsExactly(alice.name());
        // A grant signed by instance 2 verifies with the keys instance 1 publishes.
        var decoder = one.grantDecoder();
        assertThat(decoder.decode(details.grant()).getSubject()).isEqualTo(bob.name());
        assertThat(one.get(Grants.JWKS_PATH, null).body()).isEqualTo(two.get(Grants.JWKS_PATH, null).body());
    }

    @Test
    void racingRegistrationsOfOneNameMakeOneUser() throws Exception {
        String name = uniqueName("race");
        List<Integer> statuses = race(i -> client(i).post("/api/users", null, new Credentials(name, "pass123")).status());
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
    }

    @Test
    void racingGroupCreationsMakeOneGroup() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) users.add(client(i).newUser());
        String group = uniqueName("race");
        List<Integer> statuses = race(i -> client(i).post("/api/groups", users.get(i).token(), new CreateGroup(group, false)).status());
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(Arrays.stream(one.get("/api/groups", users.get(0).token()).as(GroupSummary[].class))
                .filter(g -> g.name().equals(group))).hasSize(1);
    }

    @Test
    void racingJoinsAndSharesOfTheSameFileMakeNoDuplicates() throws Exception {
        User owner = one.newUser();
        String group = one.newGroup(owner, false);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) users.add(client(i).newUser());
        List<Integer> joins = race(i -> client(i).post("/api/groups/" + group + "/join-requests", users.get(i).token(), null).status());
        assertThat(joins).containsOnly(201);
        List<Integer> again = race(i -> client(i).post("/api/groups/" + group + "/join-requests", users.get(i).token(), null).status());
        assertThat(again).containsOnly(200);

        Manifest file = manifest("same.bin", 1_000_000);
        for (User u : users) client(users.indexOf(u)).announce(u);
        List<Integer> shares = race(i -> client(i).share(users.get(i), group, file).status());
        assertThat(shares).containsOnly(201);
        assertThat(two.get(filesPath(group), owner.token()).as(FileSummary[].class))
                .containsExactly(new FileSummary(file.name(), file.size(), file.sha256(), file.chunkCount(), RACERS, false, 1));
        GroupSummary summary = Arrays.stream(one.get("/api/groups", owner.token()).as(GroupSummary[].class))
                .filter(g -> g.name().equals(group)).findFirst().orElseThrow();
        assertThat(summary.members()).isEqualTo(RACERS + 1);
        assertThat(summary.membership()).isEqualTo(Membership.OWNER);
    }

    @Test
    void racingLeavesNeverLeaveAGroupWithoutAnOwner() throws Exception {
        User owner = one.newUser();
        String group = one.newGroup(owner, false);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            User u = client(i).newUser();
            client(i).join(u, group);
            users.add(u);
        }
        users.add(owner);
        // Everybody but one leaves at once, the owner among them, naming the one who stays as the next owner.
        User last = users.get(0);
        List<Integer> leaves = race(i -> client(i).delete("/api/groups/" + group + "/members/" + users.get(i + 1).name()
                        + (users.get(i + 1) == owner ? "?transferTo=" + last.name() : ""), users.get(i + 1).token()).status());
        assertThat(leaves).containsOnly(204);
        GroupSummary summary = Arrays.stream(two.get("/api/groups", last.token()).as(GroupSummary[].class))
                .filter(g -> g.name().equals(group)).findFirst().orElseThrow();
        assertThat(summary.owner()).isEqualTo(last.name());
        assertThat(summary.members()).isEqualTo(1);
    }

    private static TrackerClient client(int i) {
        return i % 2 == 0 ? one : two;
    }

    /** Runs {@code call(0..RACERS-1)} all at once, half on each instance; answers the results in order. */
    private static <T> List<T> race(IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int n = i;
                calls.add(() -> call.apply(n));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
