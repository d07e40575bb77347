package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.shared.tracker.ServedReport;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;

@Tag(name = "activity")
@RestController
@RequestMapping("/api/groups/{group}/activity")
@ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
public class ActivityController {
    private final ActivityService activity;
    private final Clock clock;

    ActivityController(ActivityService activity, Clock clock) {
        this.activity = activity;
        this.clock = clock;
    }

    @Operation(summary = "The group's activity record, newest first: grants signed and chunks served",
            description = "The owner reads every line (user= narrows to the lines where that user downloaded or "
                    + "reported); anyone else who may read the group reads only the lines about themselves. "
                    + "Served lines are what the reportedBy user's agent said it served: the tracker cannot check them.")
    @ApiResponse(responseCode = "200", description = "a page of lines; more tells whether a next page has any")
    @ApiResponse(responseCode = "400", description = "bad group, file or user name, since, page or size")
    @ApiResponse(responseCode = "403", description = "a private group the caller is not a member of, or a non-owner "
            + "naming another user")
    @ApiResponse(responseCode = "404", description = "no such group")
    @GetMapping
    public ActivityPage page(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                             @PathVariable String group,
                             @Parameter(description = "file name or whole-file sha256") @RequestParam(required = false) String file,
                             @Parameter(description = "user name: lines where that user downloaded or reported")
                             @RequestParam(required = false) String user,
                             @Parameter(description = "an instant (2026-01-31T00:00:00Z) or an age back from now (7d, 12h, 30m)")
                             @RequestParam(required = false) String since,
                             @Parameter(description = "page number from 0") @RequestParam(required = false) Integer page,
                             @Parameter(description = "lines a page, 1 to 500 (default 50)") @RequestParam(required = false) Integer size) {
        return activity.page(me, group, file, user, since == null ? null : instant(since), page, size);
    }

    @Operation(summary = "Report the chunks this agent served in the group since its last report (members only)",
            description = "Stored labelled as reported by the caller; counts about a user and file that got no grant "
                    + "in the group are dropped.")
    @ApiResponse(responseCode = "204", description = "recorded")
    @ApiResponse(responseCode = "400", description = "bad group name, or a malformed or too large report")
    @ApiResponse(responseCode = "403", description = "the caller is not a member of the group")
    @ApiResponse(responseCode = "404", description = "no such group")
    @PostMapping("/served")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void served(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                       @PathVariable String group, @RequestBody ServedReport report) {
        activity.recordServed(me, group, report);
    }

    private Instant instant(String since) {
        try {
            if (Character.isDigit(since.charAt(0)) && since.length() > 10) return Instant.parse(since);
            return clock.instant().minus(DurationStyle.SIMPLE.parse(since));
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiProblem.badRequest("since: an instant like 2026-01-31T00:00:00Z or an age like 7d expected");
        }
    }
}
