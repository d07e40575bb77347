package dev.p2pshare.tracker.peer;

import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.tracker.session.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;

@Tag(name = "peers")
@RestController
@RequestMapping("/api/peers")
public class PeerController {
    private static final int MAX_URL_LENGTH = 2048;
    private final PeerRepository peers;
    private final Clock clock;

    public PeerController(PeerRepository peers, Clock clock) {
        this.peers = peers;
        this.clock = clock;
    }

    @Operation(summary = "Announce this user's agent chunk-server URL; also the heartbeat",
            description = "A peer silent for longer than p2p.tracker.peer-timeout is offline and never handed out.")
    @ApiResponse(responseCode = "204", description = "announced")
    @ApiResponse(responseCode = "400", description = "not an absolute http(s) URL")
    @ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
    @PutMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void announce(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                         @RequestBody PeerAnnouncement announcement) {
        Validation.requireBody(announcement);
        String url = requireHttpUrl(announcement.url());
        Instant now = clock.instant();
        if (peers.touch(me.userId(), url, now) > 0) return;
        try {
            peers.saveAndFlush(new Peer(me.userId(), url, now));
        } catch (DataIntegrityViolationException raced) {
            peers.touch(me.userId(), url, now); // another instance inserted it first: update theirs
        }
    }

    private static String requireHttpUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw ApiProblem.badRequest("url must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw ApiProblem.badRequest("url must be an absolute http or https URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw ApiProblem.badRequest("url is not a valid URL");
        }
    }
}
