package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/groups}: {@code {"name": "...", "private": false}}; "private" may be left out. */
public record CreateGroup(String name, @JsonProperty("private") Boolean isPrivate) {
    public boolean privateOrDefault() {
        return Boolean.TRUE.equals(isPrivate);
    }
}
