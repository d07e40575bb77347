package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.ApiKeyInfo;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.tracker.group.GroupService;
import dev.p2pshare.tracker.security.ApiKeyLimits;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The caller's API keys. Only with a login session: {@link ApiKeyLimits} refuses an API key here. */
@Tag(name = "api-keys")
@RestController
@RequestMapping("/api/users/me/api-keys")
@ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
@ApiResponse(responseCode = "403", description = "the caller came with an API key, not a login session")
public class ApiKeyController {
    /** Keys are few per user (a script or machine each); the cap keeps a runaway script from filling the table. */
    static final int MAX_KEYS_PER_USER = 50;
    static final int MAX_GROUPS_PER_KEY = 100;
    private static final Logger log = LoggerFactory.getLogger(ApiKeyController.class);

    private final ApiKeyRepository keys;
    private final SessionIntrospector introspector;
    private final GroupService groups;
    private final Clock clock;

    public ApiKeyController(ApiKeyRepository keys, SessionIntrospector introspector, GroupService groups, Clock clock) {
        this.keys = keys;
        this.introspector = introspector;
        this.groups = groups;
        this.clock = clock;
    }

    @Operation(summary = "Create an API key; the answer shows the key this once",
            description = "The key works as Authorization: Bearer, limited to the named groups (none: every group), "
                    + "read-only if asked (no sharing, seeding or group changes), until expiresAt or now + ttl "
                    + "(ISO-8601, e.g. P90D; neither: no expiry).")
    @ApiResponse(responseCode = "201", description = "created: store the key now, it is not shown again")
    @ApiResponse(responseCode = "400", description = "bad key or group name, a past expiry, both expiresAt and ttl, or a bad ttl")
    @ApiResponse(responseCode = "404", description = "no such group")
    @ApiResponse(responseCode = "409", description = "a key of that name exists, or the caller has the most keys allowed")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public NewApiKey create(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me, @RequestBody CreateApiKey body) {
        Validation.requireBody(body);
        Validation.requireName("API key", body.name());
        List<String> scope = groupsOf(me, body.groups());
        Instant now = clock.instant();
        Instant expiresAt = expiry(body, now);
        if (keys.countByUserId(me.userId()) >= MAX_KEYS_PER_USER) {
            throw ApiProblem.conflict("you have " + MAX_KEYS_PER_USER + " API keys, the most allowed; revoke one first");
        }
        if (keys.existsByUserIdAndName(me.userId(), body.name())) throw nameTaken(body.name());
        String secret = SessionTokens.newToken();
        ApiKey key;
        try {
            key = keys.saveAndFlush(new ApiKey(me.userId(), body.name(), SessionTokens.hash(secret), scope,
                    body.readOnlyOrDefault(), now, expiresAt));
        } catch (DataIntegrityViolationException raced) {
            throw nameTaken(body.name());
        }
        log.info("api key created: {} of {} (groups {}, {}, expires {})", body.name(), me.username(),
                scope.isEmpty() ? "all" : String.join(",", scope), body.readOnlyOrDefault() ? "read-only" : "read-write",
                expiresAt == null ? "never" : expiresAt);
        return new NewApiKey(SessionTokens.apiKey(key.getId(), secret), key.info());
    }

    @Operation(summary = "The caller's API keys, by name (never the keys themselves)")
    @ApiResponse(responseCode = "200", description = "the keys")
    @GetMapping
    public List<ApiKeyInfo> list(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me) {
        return keys.findByUserIdOrderByName(me.userId()).stream().map(ApiKey::info).toList();
    }

    @Operation(summary = "Revoke an API key: every later call with it gets 401")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "400", description = "bad key name")
    @ApiResponse(responseCode = "404", description = "the caller has no key of that name")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me, @PathVariable String name) {
        Validation.requireName("API key", name);
        if (keys.deleteByUserIdAndName(me.userId(), name) == 0) throw ApiProblem.notFound("you have no API key named " + name);
        // the caller's other keys are looked up again too: simpler than matching the name as the database does
        introspector.forget(caller -> caller.apiKey() != null && caller.userId() == me.userId());
        log.info("api key revoked: {} of {}", name, me.username());
    }

    /** The groups a key is limited to, each one the caller may read, as the group spells its name; no repeats. */
    private List<String> groupsOf(CurrentUser me, List<String> names) {
        if (names.size() > MAX_GROUPS_PER_KEY) throw ApiProblem.badRequest("a key names at most " + MAX_GROUPS_PER_KEY + " groups");
        List<String> scope = new ArrayList<>();
        for (String name : names) {
            String group = groups.readable(name, me).name();
            if (scope.stream().noneMatch(group::equalsIgnoreCase)) scope.add(group);
        }
        return scope;
    }

    private Instant expiry(CreateApiKey body, Instant now) {
        if (body.expiresAt() != null && body.ttl() != null) throw ApiProblem.badRequest("give expiresAt or ttl, not both");
        Instant expiresAt = body.expiresAt();
        if (body.ttl() != null) {
            try {
                expiresAt = now.plus(Duration.parse(body.ttl()));
            } catch (DateTimeException | ArithmeticException e) {
                throw ApiProblem.badRequest("ttl must be an ISO-8601 duration such as P90D or PT12H");
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) throw ApiProblem.badRequest("the key would expire at once: " + expiresAt);
        return expiresAt;
    }

    private static ApiProblem nameTaken(String name) {
        return ApiProblem.conflict("you already have an API key named " + name);
    }
}
