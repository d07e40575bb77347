package dev.p2pshare.cli;

import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.MemberInfo;
import dev.p2pshare.shared.tracker.Membership;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The group owner's commands, as they reach a stand-in tracker from a logged-in folder, and what they print. */
class GroupAdministrationCommandsTest {
    private static final String ACCEPT = "/api/groups/family/join-requests/bob/accept";

    @TempDir
    Path cwd;
    private StubTracker tracker;

    @BeforeEach
    void loggedIn() throws IOException {
        tracker = new StubTracker();
        new SessionFolder(cwd.resolve(".p2p"), new Json())
                .saveSession(new SessionInfo("alice", List.of(tracker.url()), "tok", Instant.parse("2099-01-01T00:00:00Z"), null));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void acceptForALengthSendsTheEndItMakes() {
        tracker.answer("POST", ACCEPT, 200, "{\"group\":\"family\",\"username\":\"bob\",\"membership\":\"MEMBER\"}");
        Instant before = Instant.now();
        CliRun run = p2p("accept_request", "family", "bob", "--for", "30d");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Instant sent = Instant.parse(URLDecoder.decode(
                tracker.requests().get(0).replaceFirst(".*\\?expiresAt=(\\S+) .*", "$1"), StandardCharsets.UTF_8));
        assertThat(sent).isCloseTo(before.plus(Duration.ofDays(30)), within(Duration.ofSeconds(5)));
        assertThat(run.out()).startsWith("bob is now a member of family until ");
    }

    @Test
    void acceptUntilADateEndsAtTheEndOfThatDay() {
        tracker.answer("POST", ACCEPT, 200, "{\"group\":\"family\",\"username\":\"bob\",\"membership\":\"MEMBER\"}");
        CliRun run = p2p("accept_request", "family", "bob", "--until", "2026-12-31");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(tracker.requests()).containsExactly("POST " + ACCEPT + "?expiresAt=2027-01-01T00%3A00%3A00Z ");
        assertThat(run.out().strip()).isEqualTo("bob is now a member of family until 2027-01-01T00:00:00Z");
    }

    @Test
    void acceptTakesOneEndInAReadableForm() {
        CliRun both = p2p("accept_request", "family", "bob", "--for", "30d", "--until", "2026-12-31");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.errLines().get(0)).contains("mutually exclusive");
        CliRun badLength = p2p("accept_request", "family", "bob", "--for", "a month");
        assertThat(badLength.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badLength.err()).contains("30d");
        CliRun badDate = p2p("accept_request", "family", "bob", "--until", "31/12/2026");
        assertThat(badDate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDate.err()).contains("2026-12-31");
        assertThat(tracker.requests()).isEmpty();
    }

    @Test
    void theOwnerLeavesNamingTheNextOwnerAndIsToldHowWhenNot() {
        String leave = "/api/groups/photos/members/alice";
        tracker.answer("DELETE", leave, 409, "{\"status\":409,\"detail\":\"you own photos: name a new owner with "
                + "--transfer-to <user>, or delete_group photos\"}");
        CliRun refused = p2p("leave_group", "photos");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("--transfer-to <user>, or delete_group photos");

        tracker.answer("DELETE", leave, 204, "");
        CliRun left = p2p("leave_group", "photos", "--transfer-to", "bob");
        assertThat(left.exitCode()).as(left.err()).isZero();
        assertThat(left.out().strip()).isEqualTo("Left photos; bob owns it now");
        assertThat(tracker.requests()).containsExactly("DELETE " + leave + " ", "DELETE " + leave + "?transferTo=bob ");
    }

    @Test
    void removeDeleteAndSetCallTheirEndpoints() {
        tracker.answer("DELETE", "/api/groups/family/members/bob", 204, "")
                .answer("DELETE", "/api/groups/family", 204, "")
                .answer("PATCH", "/api/groups/family", 200, "{\"name\":\"family\",\"owner\":\"alice\",\"private\":true,"
                        + "\"members\":1,\"files\":0,\"membership\":\"OWNER\",\"memberTtl\":\"PT720H\"}");
        assertThat(p2p("remove_member", "family", "bob").out().strip()).isEqualTo("Removed bob from family");
        assertThat(p2p("set_group", "family", "--member-ttl", "30d").out().strip())
                .isEqualTo("New memberships of family last 30d");
        assertThat(p2p("delete_group", "family").out().strip()).isEqualTo("Deleted group family");
        assertThat(tracker.requests()).containsExactly("DELETE /api/groups/family/members/bob ",
                "PATCH /api/groups/family {\"memberTtl\":\"PT720H\"}", "DELETE /api/groups/family ");
    }

    @Test
    void listMembersShowsRoleSinceAndEnd() {
        String table = ListMembersCommand.table(List.of(
                new MemberInfo("alice", Membership.OWNER, Instant.parse("2026-01-02T03:04:05.123Z"), null),
                new MemberInfo("bob", Membership.MEMBER, Instant.parse("2026-02-03T04:05:06Z"), Instant.parse("2026-12-31T00:00:00Z"))));
        assertThat(table.lines()).containsExactly(
                "USER   ROLE    SINCE                 EXPIRES",
                "alice  owner   2026-01-02T03:04:05Z  never",
                "bob    member  2026-02-03T04:05:06Z  2026-12-31T00:00:00Z");
    }

    @Test
    void listGroupsShowsTheCallersOwnEnd() {
        String table = ListGroupsCommand.table(List.of(new GroupSummary("photos", "bob", false, 2, 1, Membership.MEMBER,
                Instant.parse("2026-12-31T00:00:00Z"), null)));
        assertThat(table.lines()).containsExactly(
                "GROUP   OWNER  KIND  MEMBERS  FILES  YOU",
                "photos  bob    open  2        1      member until 2026-12-31T00:00:00Z");
    }

    private CliRun p2p(String... args) {
        return CliRun.run(cwd, Map.of(), args);
    }
}
