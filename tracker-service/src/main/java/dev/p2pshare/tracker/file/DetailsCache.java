package dev.p2pshare.tracker.file;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.tracker.group.GroupAccess;
import dev.p2pshare.tracker.system.LocalWrites;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What file details read, kept for {@code p2p.tracker.cache-ttl} so that the refreshes of many downloads cost no
 * query: per file, the group and the file with its online holders (for every caller); per group and user, the
 * membership. Manifests are kept longer, by file id: a file's manifest never changes (other content under the same
 * name is another file, with another id). A write committed on this instance (a leave, a removal, a stop_sharing, a share, a heartbeat, a chunk
 * report, anything) makes everything read before it stale at once ({@link LocalWrites}); a write through another
 * instance of the same database shows here within cache-ttl. A peer whose heartbeat grows older than peer-timeout
 * meanwhile, or a membership that ends meanwhile, counts as such at once.
 */
@Component
class DetailsCache {
    private static final long MAX_FILES = 10_000;
    private static final long MAX_MEMBERSHIPS = 100_000;
    /** Chunk hashes, files and empty folders of the manifests kept: some 300,000 strings, a few tens of MB. */
    private static final long MANIFEST_WEIGHT = 300_000;

    private final SharedFileRepository files;
    private final LocalWrites writes;
    private final Cache<FileKey, Read<FileView>> views;
    private final Cache<MemberKey, Read<Member>> members;
    private final Cache<Long, Manifest> manifests = Caffeine.newBuilder()
            .maximumWeight(MANIFEST_WEIGHT).weigher((Long id, Manifest m) -> weight(m))
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    DetailsCache(SharedFileRepository files, LocalWrites writes, TrackerProperties properties) {
        this.files = files;
        this.writes = writes;
        this.views = Caffeine.newBuilder().maximumSize(MAX_FILES).expireAfterWrite(properties.cacheTtl()).build();
        this.members = Caffeine.newBuilder().maximumSize(MAX_MEMBERSHIPS).expireAfterWrite(properties.cacheTtl()).build();
    }

    /** Group names are one name whatever their case (and only ASCII letters have a case in them). */
    private record FileKey(String group, String file) {
    }

    private record MemberKey(long groupId, long userId) {
    }

    /** A membership row: absent, or current until {@code until} (null: for good). */
    private record Member(boolean exists, Instant until) {
        boolean isCurrentAt(Instant now) {
            return exists && (until == null || until.isAfter(now));
        }
    }

    /** Something read after {@code writes} local writes. */
    private record Read<T>(T value, long writes) {
    }

    /**
     * The group as {@code userId} stands towards it at {@code now}, the file (fileId null when there is no such file)
     * and its holders online since {@code onlineSince} other than {@code userId}; null when there is no such group.
     */
    Found find(String groupName, String fileName, long userId, Instant now, Instant onlineSince) {
        long before = writes.count();
        FileKey fileKey = new FileKey(groupName.toLowerCase(Locale.ROOT), fileName);
        Read<FileView> view = views.getIfPresent(fileKey);
        if (view != null && view.writes() == before) {
            Read<Member> member = members.getIfPresent(new MemberKey(view.value().groupId(), userId));
            if (member != null && member.writes() == before) {
                return Found.of(view.value(), member.value().isCurrentAt(now), userId, onlineSince);
            }
        }
        List<DetailsRow> rows = files.findDetails(groupName, fileName, userId, onlineSince);
        if (rows.isEmpty()) return null;
        FileView read = FileView.of(rows);
        Member member = new Member(rows.get(0).memberId() != null, rows.get(0).memberUntil());
        if (read.fileId() != null) views.put(fileKey, new Read<>(read, before));
        members.put(new MemberKey(read.groupId(), userId), new Read<>(member, before));
        return Found.of(read, member.isCurrentAt(now), userId, onlineSince);
    }

    /** The manifest of the file {@code fileId}; null when there is no such file any more. */
    Manifest manifest(long fileId) {
        return manifests.get(fileId, id -> files.findById(id).map(SharedFile::toManifest).orElse(null));
    }

    private static int weight(Manifest manifest) {
        return 1 + manifest.chunkCount() + (manifest.isFolder() ? manifest.fileCount() + manifest.emptyFolders().size() : 0);
    }

    /** What {@link #find} found, for one caller. */
    record Found(GroupAccess group, Long fileId, String fileName, String sha256, List<PeerHolding> holders) {
        private static Found of(FileView view, boolean member, long userId, Instant onlineSince) {
            GroupAccess group = new GroupAccess(view.groupId(), view.groupName(), view.isPrivate(),
                    GroupAccess.standing(view.ownerId() == userId, member));
            return new Found(group, view.fileId(), view.fileName(), view.sha256(), view.holdersOnline(onlineSince, userId));
        }
    }
}
