package dev.p2pshare.tracker;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 operations from 50 threads at once against one tracker: registrations, group creations, joins,
 * accepts and file registrations, each racing a twin or a rival on purpose. Every race has exactly one
 * winner, nothing answers 5xx, and every count afterwards is exact.
 */
class ConcurrencyTest extends TrackerTest {
    private static final int THREADS = 50;
    private static final int OWNERS = 10;
    private static final int JOINERS = 40;

    /** One operation of the storm: its kind, a key naming what it raced for, and its answer. */
    private record Outcome(String kind, String key, Response response) {
    }

    private record Op(String kind, String key, Callable<Response> call) {
    }

    @Test
    void fiftyThreadsDoingFiveHundredOperationsLeaveExactCounts() throws Exception {
        TrackerClient api = api();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // ---- set-up (not part of the storm) ----
            List<User> owners = parallel(pool, IntStream.range(0, OWNERS).mapToObj(i -> (Callable<User>) api::newUser).toList());
            List<User> joiners = parallel(pool, IntStream.range(0, JOINERS).mapToObj(i -> (Callable<User>) api::newUser).toList());
            List<String> open = owners.stream().map(o -> api.newGroup(o, false)).toList();
            List<String> closed = owners.stream().map(o -> api.newGroup(o, true)).toList();
            User swarmOwner = owners.get(0);
            String swarm = api.newGroup(swarmOwner, false);
            parallel(pool, joiners.stream().map(j -> (Callable<Void>) () -> {
                api.join(j, swarm);
                api.join(j, closed.get(joiners.indexOf(j) % OWNERS)); // a pending request, accepted in the storm
                api.announce(j);
                return null;
            }).toList());

            // ---- the storm: 500 operations ----
            List<Op> ops = new ArrayList<>();
            // 100 registrations: 50 new names, each registered twice at once.
            List<String> newNames = IntStream.range(0, 50).mapToObj(i -> uniqueName("storm")).toList();
            for (String name : newNames) {
                for (int twice = 0; twice < 2; twice++) {
                    ops.add(new Op("register", name, () -> api.post("/api/users", null, new Credentials(name, PASSWORD))));
                }
            }
            // 50 group creations: 25 names, each claimed by two different owners at once.
            List<String> newGroups = IntStream.range(0, 25).mapToObj(i -> uniqueName("storm-group")).toList();
            for (int i = 0; i < newGroups.size(); i++) {
                String name = newGroups.get(i);
                boolean isPrivate = i % 2 == 0;
                for (User creator : List.of(owners.get(i % OWNERS), owners.get((i + 1) % OWNERS))) {
                    ops.add(new Op("create", name, () -> api.post("/api/groups", creator.token(), new CreateGroup(name, isPrivate))));
                }
            }
            // 160 joins: each joiner joins two open groups, twice each.
            for (int j = 0; j < JOINERS; j++) {
                User joiner = joiners.get(j);
                for (String group : List.of(open.get(j % OWNERS), open.get((j + 1) % OWNERS))) {
                    for (int twice = 0; twice < 2; twice++) {
                        ops.add(new Op("join", joiner.name() + "@" + group,
                                () -> api.post("/api/groups/" + group + "/join-requests", joiner.token(), null)));
                    }
                }
            }
            // 80 accepts: each pending request accepted twice by its owner.
            for (int j = 0; j < JOINERS; j++) {
                User joiner = joiners.get(j);
                User owner = owners.get(j % OWNERS);
                String group = closed.get(j % OWNERS);
                for (int twice = 0; twice < 2; twice++) {
                    ops.add(new Op("accept", joiner.name() + "@" + group, () -> api.accept(owner, group, joiner)));
                }
            }
            // 110 file registrations in one group: one file by all 40 joiners, 40 files of their own,
            // and 15 names each claimed with different content by two members.
            Manifest common = manifest("common.iso", 5L * Manifest.CHUNK_SIZE);
            for (User joiner : joiners) {
                ops.add(new Op("share-common", common.name(), () -> api.share(joiner, swarm, common)));
                Manifest own = manifest("own-" + joiner.name() + ".txt", 100);
                ops.add(new Op("share-own", own.name(), () -> api.share(joiner, swarm, own)));
            }
            for (int i = 0; i < 15; i++) {
                String name = "contested-" + i + ".bin";
                for (User rival : List.of(joiners.get(i), joiners.get(JOINERS - 1 - i))) {
                    Manifest mine = manifest(name, 1000 + i);
                    ops.add(new Op("share-contested", name, () -> api.share(rival, swarm, mine)));
                }
            }
            assertThat(ops).hasSize(500);
            Collections.shuffle(ops, new Random(42));

            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Op op : ops) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return new Outcome(op.kind(), op.key(), op.call().call());
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) outcomes.add(future.get(120, TimeUnit.SECONDS));

            // ---- no server errors; every race had exactly one winner ----
            assertThat(outcomes).allSatisfy(o -> assertThat(o.response().status())
                    .as(o.kind() + " " + o.key() + ": " + o.response().body()).isLessThan(500));
            assertThat(statuses(outcomes, "register")).allSatisfy((name, s) -> assertThat(s).containsExactlyInAnyOrder(201, 409));
            assertThat(statuses(outcomes, "create")).hasSize(25)
                    .allSatisfy((name, s) -> assertThat(s).containsExactlyInAnyOrder(201, 409));
            assertThat(statuses(outcomes, "join")).hasSize(80)
                    .allSatisfy((key, s) -> assertThat(s).containsExactlyInAnyOrder(200, 201));
            assertThat(statuses(outcomes, "accept")).hasSize(40)
                    .allSatisfy((key, s) -> assertThat(s).containsExactly(200, 200));
            assertThat(outcomes).filteredOn(o -> o.kind().equals("accept"))
                    .allSatisfy(o -> assertThat(o.response().as(JoinResult.class).membership()).isEqualTo(Membership.MEMBER));
            assertThat(statuses(outcomes, "share-common").get(common.name())).hasSize(40).containsOnly(201);
            assertThat(statuses(outcomes, "share-own")).hasSize(40).allSatisfy((name, s) -> assertThat(s).containsExactly(201));
            assertThat(statuses(outcomes, "share-contested")).hasSize(15)
                    .allSatisfy((name, s) -> assertThat(s).containsExactlyInAnyOrder(201, 409));

            // ---- the state afterwards: exact counts, no duplicates ----
            for (String name : newNames) {
                assertThat(api.post("/api/sessions", null, new Credentials(name, PASSWORD)).status()).isEqualTo(201);
            }
            GroupSummary[] groups = api.get("/api/groups", swarmOwner.token()).as(GroupSummary[].class);
            Map<String, Long> listed = Arrays.stream(groups).collect(Collectors.groupingBy(GroupSummary::name, Collectors.counting()));
            assertThat(listed).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
            Map<String, GroupSummary> byName = Arrays.stream(groups).collect(Collectors.toMap(GroupSummary::name, Function.identity()));
            for (String name : newGroups) assertThat(byName.get(name).members()).isEqualTo(1);
            for (String group : open) assertThat(byName.get(group).members()).as(group).isEqualTo(1 + 8);
            for (String group : closed) assertThat(byName.get(group).members()).as(group).isEqualTo(1 + 4);
            for (String group : closed) {
                User owner = owners.get(closed.indexOf(group));
                assertThat(api.get("/api/groups/" + group + "/join-requests", owner.token()).json()).as(group).isEmpty();
            }
            assertThat(byName.get(swarm).members()).isEqualTo(1 + JOINERS);
            FileSummary[] files = api.get(filesPath(swarm), swarmOwner.token()).as(FileSummary[].class);
            assertThat(files).hasSize(1 + JOINERS + 15);
            assertThat(files).extracting(FileSummary::name).doesNotHaveDuplicates();
            assertThat(Arrays.stream(files).filter(f -> f.name().equals(common.name())).findFirst().orElseThrow().seeders())
                    .isEqualTo(JOINERS);
            assertThat(byName.get(swarm).files()).isEqualTo(1 + JOINERS + 15);
        } finally {
            pool.shutdownNow();
        }
    }

    /** For each key of one kind of operation, the statuses it got, in order. */
    private static Map<String, List<Integer>> statuses(List<Outcome> outcomes, String kind) {
        return outcomes.stream().filter(o -> o.kind().equals(kind)).collect(Collectors.groupingBy(Outcome::key,
                Collectors.mapping(o -> o.response().status(), Collectors.collectingAndThen(Collectors.toList(), l -> {
                    List<Integer> sorted = new ArrayList<>(l);
                    Collections.sort(sorted);
                    return sorted;
                }))));
    }

    private static <T> List<T> parallel(ExecutorService pool, List<Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(calls, 120, TimeUnit.SECONDS)) results.add(future.get());
        return results;
    }
}
