package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.Names;
import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.shared.tracker.ServedCount;
import dev.p2pshare.shared.tracker.ServedReport;
import dev.p2pshare.tracker.group.GroupAccess;
import dev.p2pshare.tracker.group.GroupService;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.TrackerProperties;
import dev.p2pshare.tracker.system.Validation;
import dev.p2pshare.tracker.user.User;
import dev.p2pshare.tracker.user.UserRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The activity record of each group: the grants the tracker signs (told by the file code, one way) and the served
 * chunks agents report. The owner reads a group's whole record; anyone else who may read the group reads only the
 * lines about themselves, as downloader or as reporter.
 */
@Service
public class ActivityService {
    private static final Logger log = LoggerFactory.getLogger(ActivityService.class);
    private static final Set<ActivityKind> GRANTS = EnumSet.of(ActivityKind.GRANT, ActivityKind.RENEWAL);
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    /** Far enough for any real use; keeps a hostile offset from making the database walk the whole table. */
    private static final int MAX_OFFSET = 100_000;
    /** Lines up to this far in the future count (another instance's clock may be ahead of ours). */
    private static final Duration CLOCK_MARGIN = Duration.ofDays(1);
    /** More chunks than a report of a few seconds can honestly hold; guards the sums against overflow. */
    private static final long MAX_CHUNKS = 1L << 32;

    private final ActivityRepository activity;
    private final GroupService groups;
    private final UserRepository users;
    private final EntityManager entities;
    private final TrackerProperties properties;
    private final Clock clock;

    ActivityService(ActivityRepository activity, GroupService groups, UserRepository users, EntityManager entities,
                    TrackerProperties properties, Clock clock) {
        this.activity = activity;
        this.groups = groups;
        this.users = users;
        this.entities = entities;
        this.properties = properties;
        this.clock = clock;
    }

    /** Records a grant; a renewal when the user's previous grant for the file had not expired yet. */
    @Transactional
    public void recordGrant(GrantIssued grant) {
        boolean renewal = latestGrant(grant.groupId(), grant.userId(), grant.sha256())
                .filter(previous -> previous.getExpiresAt() != null && previous.getExpiresAt().isAfter(grant.issuedAt()))
                .isPresent();
        activity.save(ActivityEntry.grant(grant, renewal));
    }

    /**
     * Stores what {@code me}'s agent says it served in the group, labelled as reported by {@code me}. Only a
     * member may report, and only about downloads the tracker granted there: a count for a user and file that
     * never got a grant in the group is dropped, so a member cannot fill another user's record with inventions.
     */
    @Transactional
    public void recordServed(CurrentUser me, String groupName, ServedReport report) {
        Validation.requireBody(report);
        if (report.counts() == null) throw ApiProblem.badRequest("counts are missing");
        if (report.counts().size() > ServedReport.MAX_COUNTS) {
            throw ApiProblem.badRequest("at most " + ServedReport.MAX_COUNTS + " counts a report");
        }
        for (ServedCount count : report.counts()) checkCount(count);
        GroupAccess group = groups.access(groupName, me);
        if (!group.isMember()) throw ApiProblem.forbidden("only members of " + groupName + " may report what they served there");
        Instant now = clock.instant();
        Map<String, Long> userIds = new HashMap<>();
        int stored = 0;
        for (ServedCount count : report.counts()) {
            Long downloader = userIds.computeIfAbsent(count.user(),
                    name -> users.findByUsername(name).map(User::getId).orElse(null));
            if (downloader == null) continue;
            ActivityEntry granted = latestGrant(group.groupId(), downloader, count.sha256()).orElse(null);
            if (granted == null) continue;
            activity.save(ActivityEntry.served(group.groupId(), now, downloader, count.sha256(), granted.getFileName(),
                    count.chunks(), count.bytes(), me.userId()));
            stored++;
        }
        if (stored < report.counts().size()) {
            log.info("served report by {} in {}: {} of {} counts named no granted download", me.username(), groupName,
                    report.counts().size() - stored, report.counts().size());
        }
    }

    private static void checkCount(ServedCount count) {
        if (count == null) throw ApiProblem.badRequest("a count is null");
        if (!Names.isValid(count.user())) throw ApiProblem.badRequest("user: not a valid user name");
        if (!Hex.isSha256(count.sha256())) throw ApiProblem.badRequest("sha256: 64 lower-case hex digits expected");
        if (count.chunks() < 0 || count.chunks() > MAX_CHUNKS || count.bytes() < 0
                || count.bytes() > count.chunks() * Manifest.CHUNK_SIZE) {
            throw ApiProblem.badRequest("chunks and bytes must be counts of whole chunks served");
        }
    }

    private Optional<ActivityEntry> latestGrant(Long groupId, Long userId, String sha256) {
        return activity.findByGroupIdAndUserIdAndFileSha256AndKindInOrderByCreatedAtDesc(
                groupId, userId, sha256, GRANTS, Limit.of(1)).stream().findFirst();
    }

    /**
     * A page of the group's record, newest first. The owner may filter by any user (lines where they downloaded
     * or reported); anyone else who may read the group gets their own lines, and 403 when naming another user.
     */
    @Transactional(readOnly = true)
    public ActivityPage page(CurrentUser me, String groupName, String file, String user, Instant since,
                             Integer page, Integer size) {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? DEFAULT_PAGE_SIZE : size;
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw ApiProblem.badRequest("size must be from 1 to " + MAX_PAGE_SIZE);
        if (pageNumber < 0 || (long) pageNumber * pageSize > MAX_OFFSET) {
            throw ApiProblem.badRequest("page must be from 0, and page times size at most " + MAX_OFFSET);
        }
        if (file != null) Validation.requireFileName(file);
        if (user != null) Validation.requireName("user", user);
        GroupAccess group = groups.readable(groupName, me);
        Long about;
        if (group.isOwner()) {
            about = user == null ? null : users.findByUsername(user).map(User::getId).orElse(-1L);
        } else if (user == null || user.equalsIgnoreCase(me.username())) {
            about = me.userId();
        } else {
            throw ApiProblem.forbidden("only the owner of " + groupName + " may read the activity of other users");
        }
        Filter filter = new Filter(group.groupId(), file, since, clock.instant().plus(CLOCK_MARGIN));
        int offset = pageNumber * pageSize;
        List<ActivityRow> rows;
        if (about == null) {
            rows = rows(filter, null, null, offset, pageSize + 1);
        } else {
            // Two reads in index order (downloaded, reported), merged: an OR would make the database read them all.
            int wanted = offset + pageSize + 1;
            List<ActivityRow> merged = new ArrayList<>(rows(filter, "userId", about, 0, wanted));
            Set<Long> seen = new HashSet<>();
            merged.forEach(row -> seen.add(row.id()));
            rows(filter, "reporterId", about, 0, wanted).stream().filter(row -> seen.add(row.id())).forEach(merged::add);
            merged.sort(ActivityRow.NEWEST_FIRST);
            rows = merged.subList(Math.min(offset, merged.size()), Math.min(wanted, merged.size()));
        }
        boolean more = rows.size() > pageSize;
        return new ActivityPage(rows.stream().limit(pageSize).map(ActivityRow::line).toList(), pageNumber, pageSize, more);
    }

    /**
     * The filters of one page request. Each query has an upper time bound and orders by the index's leading columns,
     * which H2 needs to read the (group, ...) index in order and stop after the page (PostgreSQL does so anyway).
     */
    private record Filter(Long groupId, String file, Instant since, Instant until) {
    }

    private List<ActivityRow> rows(Filter filter, String userColumn, Long userId, int offset, int limit) {
        StringBuilder jpql = new StringBuilder("""
                select new dev.p2pshare.tracker.activity.ActivityRow(a.id, a.createdAt, a.kind, u.username, a.fileName,
                    a.fileSha256, a.address, a.chunks, a.bytes, r.username)
                from ActivityEntry a join User u on u.id = a.userId left join User r on r.id = a.reporterId
                where a.groupId = :groupId and a.createdAt <= :until""");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("groupId", filter.groupId());
        parameters.put("until", filter.until());
        if (userColumn != null) {
            jpql.append(" and a.").append(userColumn).append(" = :userId");
            parameters.put("userId", userId);
        }
        if (filter.file() != null) {
            jpql.append(" and (a.fileName = :file or a.fileSha256 = :file)");
            parameters.put("file", filter.file());
        }
        if (filter.since() != null) {
            jpql.append(" and a.createdAt >= :since");
            parameters.put("since", filter.since());
        }
        jpql.append(" order by a.groupId, ").append(userColumn == null ? "" : "a." + userColumn + ", ")
                .append("a.createdAt desc, a.id desc");
        TypedQuery<ActivityRow> query = entities.createQuery(jpql.toString(), ActivityRow.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Retention: lines older than {@code p2p.tracker.activity-retention} go. Safe on every instance at once. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purge() {
        int deleted = activity.deleteOlderThan(clock.instant().minus(properties.activityRetention()));
        if (deleted > 0) log.info("activity retention: {} lines older than {} deleted", deleted, properties.activityRetention());
    }
}
