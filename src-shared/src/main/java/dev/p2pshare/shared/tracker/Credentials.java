package dev.p2pshare.shared.tracker;

/** Body of {@code POST /api/users} and {@code POST /api/sessions}. */
public record Credentials(String username, String password) {
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
