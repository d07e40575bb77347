package dev.p2pshare.tracker.peer;

import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.PeerStanding;
import dev.p2pshare.tracker.group.GroupService;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

@Tag(name = "peers")
@RestController
@RequestMapping("/api/peers")
public class PeerController {
    private final PeerRepository peers;
    private final GroupService groups;
    private final Clock clock;

    public PeerController(PeerRepository peers, GroupService groups, Clock clock) {
        this.peers = peers;
        this.groups = groups;
        this.clock = clock;
    }

    @Operation(summary = "Announce this user's agent chunk-server origin; also the heartbeat",
            description = "The URL must be an origin, http[s]://host[:port] (port 80 or 443 when left out), with no "
                    + "user info, path, query or fragment. A peer silent for longer than p2p.tracker.peer-timeout is "
                    + "offline and never handed out. The answer lists the groups the user is a member of: an agent "
                    + "stops serving what it shares in any other group.")
    @ApiResponse(responseCode = "200", description = "announced: the groups the user is a member of")
    @ApiResponse(responseCode = "400", description = "not an http(s) origin; the detail says what is wrong")
    @ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
    @PutMapping("/me")
    public PeerStanding announce(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                 @RequestBody PeerAnnouncement announcement) {
        Validation.requireBody(announcement);
        String url = PeerOrigin.of(announcement.url());
        Instant now = clock.instant();
        if (peers.touch(me.userId(), url, now) == 0) {
            try {
                peers.saveAndFlush(new Peer(me.userId(), url, now));
            } catch (DataIntegrityViolationException raced) {
                peers.touch(me.userId(), url, now); // another instance inserted it first: update theirs
            }
        }
        return new PeerStanding(groups.memberOf(me));
    }
}
