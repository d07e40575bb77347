package dev.p2pshare.tracker.grant;

import dev.p2pshare.shared.tracker.Grants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

@Tag(name = "grants")
@RestController
public class KeysController {
    private final GrantKeys keys;

    public KeysController(GrantKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "The public keys that download grants are signed with (JWK Set)",
            description = "Agents verify a grant's ES256 signature against these keys; after a key rotation the "
                    + "previous key stays listed until its grants have expired.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "the JWK Set")
    @GetMapping(Grants.JWKS_PATH)
    public ResponseEntity<Map<String, Object>> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
                .body(keys.publishedKeys().toJSONObject(true));
    }
}
