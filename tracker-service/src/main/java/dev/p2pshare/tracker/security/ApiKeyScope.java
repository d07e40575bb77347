package dev.p2pshare.tracker.security;

import java.util.List;

/**
 * What the API key a request came with may reach: only {@code groups} (none: every group its owner reaches),
 * and no writes when {@code readOnly}. Enforced for every request by {@link ApiKeyLimits}.
 */
public record ApiKeyScope(long keyId, String name, List<String> groups, boolean readOnly) {
    public ApiKeyScope {
        groups = List.copyOf(groups);
    }

    /** Group names are one name whatever their case, as in the database. */
    public boolean reaches(String group) {
        return groups.isEmpty() || groups.stream().anyMatch(g -> g.equalsIgnoreCase(group));
    }

    boolean limitsGroups() {
        return !groups.isEmpty();
    }
}
