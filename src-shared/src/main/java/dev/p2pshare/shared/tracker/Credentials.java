package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;

import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/users} and {@code POST /api/sessions}. */
@Schema(description = "A user name and password: registers the user, or logs in.")
public record Credentials(
        @Schema(description = "User name: 1 to 64 letters, digits, '.', '_' or '-' (not '.' or '..'); unique.",
                pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.USER)
        String username,
        @Schema(description = "Password, 6 to 128 characters when registering; the tracker keeps only its Argon2 hash.",
                minLength = 6, maxLength = 128, format = "password", example = "correct-horse-battery")
        String password) {
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
