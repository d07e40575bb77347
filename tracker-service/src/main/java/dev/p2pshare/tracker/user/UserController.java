package dev.p2pshare.tracker.user;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.UserInfo;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.AddressRateLimit;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

@Tag(name = "users")
@RestController
@RequestMapping("/api/users")
public class UserController {
    private static final Logger log = LoggerFactory.getLogger(UserController.class);
    private final UserRepository users;
    private final PasswordHasher passwords;
    private final AddressRateLimit rateLimit;
    private final Clock clock;

    public UserController(UserRepository users, PasswordHasher passwords, AddressRateLimit rateLimit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    @Operation(summary = "Register an account")
    @SecurityRequirements
    @ApiResponse(responseCode = "201", description = "registered")
    @ApiResponse(responseCode = "400", description = "bad user name or a password not of 6 to 128 characters")
    @ApiResponse(responseCode = "409", description = "the user name is taken (in any case: Alice and alice are one name)")
    @ApiResponse(responseCode = "429", description = "too many logins and registrations from this address; see Retry-After")
    @ApiResponse(responseCode = "503", description = "too many passwords being hashed at once; see Retry-After")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public UserInfo register(@RequestBody Credentials credentials, HttpServletRequest request) {
        Validation.requireBody(credentials);
        Validation.requireName("user", credentials.username());
        Passwords.requireValid(credentials.password());
        rateLimit.admit(request);
        if (users.existsByUsername(credentials.username())) {
            throw ApiProblem.conflict("user " + credentials.username() + " already exists");
        }
        try {
            User user = users.saveAndFlush(new User(credentials.username(),
                    passwords.encode(credentials.password()), clock.instant()));
            log.info("user registered: {}", user.getUsername());
            return new UserInfo(user.getUsername(), user.getCreatedAt());
        } catch (DataIntegrityViolationException raced) {
            throw ApiProblem.conflict("user " + credentials.username() + " already exists");
        }
    }

    @Operation(summary = "Who the session belongs to")
    @ApiResponse(responseCode = "200", description = "the caller's account")
    @ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
    @GetMapping("/me")
    public UserInfo me(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me) {
        User user = users.findById(me.userId()).orElseThrow(() -> ApiProblem.unauthorized("no such user"));
        return new UserInfo(user.getUsername(), user.getCreatedAt());
    }
}
