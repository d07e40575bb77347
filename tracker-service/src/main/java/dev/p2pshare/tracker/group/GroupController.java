package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.GroupSettings;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.MemberInfo;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@Tag(name = "groups")
@RestController
@RequestMapping("/api/groups")
@ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
public class GroupController {
    private static final Logger log = LoggerFactory.getLogger(GroupController.class);
    private final GroupService groups;

    public GroupController(GroupService groups) {
        this.groups = groups;
    }

    @Operation(summary = "Create a group; the creator owns it and is its first member")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "409", description = "a group of that name exists")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public GroupSummary create(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                               @RequestBody CreateGroup body) {
        Validation.requireBody(body);
        GroupSummary created;
        try {
            created = groups.create(me, body.name(), body.privateOrDefault());
        } catch (DataIntegrityViolationException raced) {
            throw ApiProblem.conflict("group " + body.name() + " already exists");
        }
        log.info("group created: {} ({}) by {}", created.name(), created.isPrivate() ? "private" : "open", me.username());
        return created;
    }

    @Operation(summary = "Every group, with the caller's standing in each")
    @ApiResponse(responseCode = "200", description = "the groups, by name")
    @GetMapping
    public List<GroupSummary> list(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me) {
        return groups.list(me);
    }

    @Operation(summary = "One group, with the caller's standing and membership end; every user may see it")
    @ApiResponse(responseCode = "200", description = "the group")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "404", description = "no such group")
    @GetMapping("/{group}")
    public GroupSummary details(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                @PathVariable String group) {
        return groups.details(me, group);
    }

    @Operation(summary = "Set how long memberships granted from now on last (owner only)",
            description = "memberTtl is an ISO-8601 duration (P30D, PT12H), from PT1S to P36500D; null: for good. "
                    + "It applies to joining an open group and to accepted requests given no end of their own; "
                    + "memberships granted before keep their end.")
    @ApiResponse(responseCode = "200", description = "the group as it is now")
    @ApiResponse(responseCode = "400", description = "bad group name or memberTtl")
    @ApiResponse(responseCode = "403", description = "the caller does not own the group")
    @ApiResponse(responseCode = "404", description = "no such group")
    @PatchMapping("/{group}")
    public GroupSummary configure(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                  @PathVariable String group, @RequestBody GroupSettings body) {
        GroupSummary configured = groups.configure(me, group, body);
        log.info("group configured: {} member-ttl {} by {}", group, configured.memberTtl(), me.username());
        return configured;
    }

    @Operation(summary = "Delete a group (owner only)",
            description = "Every member loses access at once; the group's files, who holds them, its join requests "
                    + "and memberships go, and its name is free again.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "403", description = "the caller does not own the group")
    @ApiResponse(responseCode = "404", description = "no such group")
    @DeleteMapping("/{group}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me, @PathVariable String group) {
        groups.delete(me, group);
        log.info("group deleted: {} by {}", group, me.username());
    }

    @Operation(summary = "The current members of a group, longest-standing first",
            description = "Seen by whoever may read the group's files: every user for an open group, members for a "
                    + "private one. Expired memberships are not listed.")
    @ApiResponse(responseCode = "200", description = "the members: name, role (OWNER or MEMBER), since, expiresAt")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "403", description = "a private group and the caller is not a member")
    @ApiResponse(responseCode = "404", description = "no such group")
    @GetMapping("/{group}/members")
    public List<MemberInfo> members(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                    @PathVariable String group) {
        return groups.members(me, group);
    }

    @Operation(summary = "Join a group: at once for an open group (MEMBER), as a request for a private one (PENDING)")
    @ApiResponse(responseCode = "201", description = "joined, or request filed")
    @ApiResponse(responseCode = "200", description = "already a member, or a request already pending")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "404", description = "no such group")
    @PostMapping("/{group}/join-requests")
    public ResponseEntity<JoinResult> join(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                           @PathVariable String group) {
        GroupService.Joined joined = groups.join(me, group);
        if (joined.created()) {
            log.info("{}: {} in {}", joined.result().membership() == Membership.MEMBER ? "member joined" : "join requested",
                    me.username(), group);
        }
        return ResponseEntity.status(joined.created() ? HttpStatus.CREATED : HttpStatus.OK).body(joined.result());
    }

    @Operation(summary = "Pending join requests of a private group (owner only)")
    @ApiResponse(responseCode = "200", description = "the requests, oldest first")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "403", description = "the caller does not own the group")
    @ApiResponse(responseCode = "404", description = "no such group")
    @GetMapping("/{group}/join-requests")
    public List<JoinRequestInfo> requests(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                          @PathVariable String group) {
        return groups.pendingRequests(me, group);
    }

    @Operation(summary = "Accept a user's join request (owner only)",
            description = "expiresAt (ISO-8601 instant, in the future) ends the membership then; without it the "
                    + "group's memberTtl applies, if set. For a user who is a member already, expiresAt sets when "
                    + "that membership ends.")
    @ApiResponse(responseCode = "200", description = "the user is a member")
    @ApiResponse(responseCode = "400", description = "bad group or user name, or expiresAt not a future instant")
    @ApiResponse(responseCode = "403", description = "the caller does not own the group")
    @ApiResponse(responseCode = "404", description = "no such group, user or join request")
    @PostMapping("/{group}/join-requests/{user}/accept")
    public JoinResult accept(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                             @PathVariable String group, @PathVariable String user,
                             @Parameter(example = "2026-12-31T00:00:00Z") @RequestParam(required = false) String expiresAt) {
        JoinResult accepted = groups.accept(me, group, user, expiresAt);
        log.info("join accepted: {} in {} by {}{}", user, group, me.username(), expiresAt == null ? "" : " until " + expiresAt);
        return accepted;
    }

    @Operation(summary = "Decline a join request (owner), or withdraw your own")
    @ApiResponse(responseCode = "204", description = "the request is gone")
    @ApiResponse(responseCode = "400", description = "bad group or user name")
    @ApiResponse(responseCode = "403", description = "someone else's request, and the caller does not own the group")
    @ApiResponse(responseCode = "404", description = "no such group, user or join request")
    @DeleteMapping("/{group}/join-requests/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void dismiss(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                        @PathVariable String group, @PathVariable String user) {
        groups.dismissRequest(me, group, user);
        log.info("join request {}: {} in {}", user.equals(me.username()) ? "withdrawn" : "declined by " + me.username(),
                user, group);
    }

    @Operation(summary = "Leave a group (user = yourself) or remove a member (owner only)",
            description = "The owner leaves only by naming another member as the next owner (transferTo), or as the "
                    + "last member, which deletes the group and its shares. The member's seeding in the group ends.")
    @ApiResponse(responseCode = "204", description = "left or removed")
    @ApiResponse(responseCode = "400", description = "bad group or user name, or transferTo given other than by the owner leaving")
    @ApiResponse(responseCode = "403", description = "removing someone else without owning the group")
    @ApiResponse(responseCode = "404", description = "no such group or user, the user is not a member, or transferTo is not one")
    @ApiResponse(responseCode = "409", description = "the owner leaving while others remain, without transferTo")
    @DeleteMapping("/{group}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void remove(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                       @PathVariable String group, @PathVariable String user,
                       @Parameter(description = "the member who owns the group next, when the owner leaves")
                       @RequestParam(required = false) String transferTo) {
        groups.remove(me, group, user, transferTo);
        if (transferTo != null) {
            log.info("owner left: {} from {}, {} owns it now", user, group, transferTo);
        } else {
            log.info(user.equals(me.username()) ? "member left: {} from {}" : "member removed: {} from {} by {}",
                    user, group, me.username());
        }
    }
}
