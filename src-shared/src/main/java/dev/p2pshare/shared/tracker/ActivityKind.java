package dev.p2pshare.shared.tracker;

/** What an activity line records: a grant the tracker signed (a renewal when the same user's previous grant for the file was still valid), or chunks an agent says it served. */
public enum ActivityKind {
    GRANT, RENEWAL, SERVED
}
