package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.tracker.activity.ActivityService;
import dev.p2pshare.tracker.activity.GrantIssued;
import dev.p2pshare.tracker.grant.GrantSigner;
import dev.p2pshare.tracker.grant.SignedGrant;
import dev.p2pshare.tracker.group.GroupAccess;
import dev.p2pshare.tracker.group.GroupService;
import dev.p2pshare.tracker.group.MemberLeft;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.TrackerProperties;
import dev.p2pshare.tracker.system.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Files of a group and who holds them. Only members hold: a file is registered by a member; the same name
 * with the same content adds a seeder, with other content it is a conflict. A member who leaves holds nothing
 * there any more. A file nobody holds any more is deleted, which frees its name.
 */
@Service
public class FileService {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    private final GroupService groups;
    private final SharedFileRepository files;
    private final HoldingRepository holdings;
    private final GrantSigner grants;
    private final TrackerProperties properties;
    private final TransactionTemplate transaction;
    private final ActivityService activity;
    private final Clock clock;
    private final DetailsCache recent;

    FileService(GroupService groups, SharedFileRepository files, HoldingRepository holdings, GrantSigner grants,
                TrackerProperties properties, TransactionTemplate transaction, ActivityService activity, Clock clock,
                DetailsCache recent) {
        this.groups = groups;
        this.files = files;
        this.holdings = holdings;
        this.grants = grants;
        this.properties = properties;
        this.transaction = transaction;
        this.activity = activity;
        this.clock = clock;
        this.recent = recent;
    }

    public FileSummary register(CurrentUser me, String groupName, Manifest manifest) {
        Validation.requireName("group", groupName);
        Validation.requireBody(manifest);
        String problem = manifest.problem(properties.folderLimits());
        if (problem != null) throw ApiProblem.badRequest("manifest: " + problem);
        SharedFile file = retryOnce(() -> transaction.execute(status -> {
            GroupAccess group = groups.lockAsMember(groupName, me);
            SharedFile existing = files.findByGroupIdAndName(group.groupId(), manifest.name()).orElse(null);
            if (existing != null && !existing.sameContentAs(manifest)) {
                throw ApiProblem.conflict("a different file named " + manifest.name() + " is already shared in " + groupName);
            }
            SharedFile shared = existing != null ? existing
                    : files.saveAndFlush(new SharedFile(group.groupId(), manifest, clock.instant()));
            hold(shared.getId(), me.userId(), null);
            return shared;
        }));
        log.info("file shared: {} ({} bytes, sha256 {}) in {} by {}", manifest.name(), manifest.size(), manifest.sha256(),
                groupName, me.username());
        return new FileSummary(manifest.name(), manifest.size(), manifest.sha256(), manifest.chunkCount(),
                (int) files.countOnlineSeeders(file.getId(), onlineSince()), manifest.isFolder(), manifest.fileCount());
    }

    @Transactional(readOnly = true)
    public List<FileSummary> list(CurrentUser me, String groupName) {
        GroupAccess group = groups.readable(groupName, me);
        return files.listHeld(group.groupId(), onlineSince()).stream().map(FileRow::toSummary).toList();
    }

    /** A file's manifest alone (a folder's with its files), for looking at it: no peers, no grant. */
    @Transactional(readOnly = true)
    public Manifest manifest(CurrentUser me, String groupName, String fileName) {
        return readableFile(me, groupName, fileName).file().toManifest();
    }

    /**
     * The download hot path: one read of the group, the caller's membership, the file and its online holders (or none,
     * when {@link DetailsCache} has them), the manifest read once per file (it never changes), and a grant that is
     * signed at most every few minutes. The read runs without a transaction: a COMMIT would cost
     * PostgreSQL one more round trip. A freshly signed grant goes into the group's activity record afterwards, in a
     * short transaction of its own. Without {@code withManifest} the answer leaves the manifest out (a refresh of a
     * download that has it).
     */
    public FileDetails details(CurrentUser me, String groupName, String fileName, boolean withManifest,
                               String clientAddress) {
        Validation.requireName("group", groupName);
        Validation.requireFileName(fileName);
        Instant now = clock.instant();
        DetailsCache.Found found = recent.find(groupName, fileName, me.userId(), now, now.minus(properties.peerTimeout()));
        requireReadable(found == null ? null : found.group(), found != null && found.fileId() != null, groupName, fileName);
        List<PeerHolding> peers = sample(found.holders());
        Manifest manifest = withManifest ? recent.manifest(found.fileId()) : null;
        if (withManifest && manifest == null) throw noSuchFile(groupName, fileName);
        SignedGrant grant = grants.grant(me.username(), groupName, found.sha256());
        FileDetails details = new FileDetails(groupName, found.sha256(), manifest, peers, grant.token(), grant.expiresAt());
        if (grant.fresh()) {
            try {
                activity.recordGrant(new GrantIssued(found.group().groupId(), me.userId(), found.fileName(), found.sha256(),
                        clientAddress, clock.instant(), grant.expiresAt()));
            } catch (DataIntegrityViolationException deleted) {
                throw GroupAccess.noSuchGroup(groupName); // through another instance, since this one read the group
            }
        }
        return details;
    }

    /**
     * At most {@code max-peers} of the holders: complete ones first, each kind in random order, so that the
     * downloads of a popular file spread over all its seeders, and a download's every refresh meets others.
     */
    private List<PeerHolding> sample(List<PeerHolding> holders) {
        if (holders.size() <= properties.maxPeers()) return holders;
        List<PeerHolding> shuffled = new ArrayList<>(holders);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        shuffled.sort(Comparator.comparing(PeerHolding::complete).reversed());
        return List.copyOf(shuffled.subList(0, properties.maxPeers()));
    }

    /**
     * A (partial) holder, who must be a member, reports its chunks; a full bitfield makes it a complete seeder.
     * The write runs with the caller's membership locked, so a report racing the caller's leaving (which drops
     * the leaver's holdings) cannot list the leaver again.
     */
    public void reportChunks(CurrentUser me, String groupName, String fileName, ChunkAvailability availability) {
        Validation.requireBody(availability);
        if (availability.sha256() == null) throw ApiProblem.badRequest("sha256 of the file is missing");
        FileAccess access = readableFile(me, groupName, fileName);
        if (!access.group().isMember()) throw GroupAccess.notAMember(groupName);
        SharedFile file = access.file();
        if (!file.getSha256().equals(availability.sha256())) {
            throw ApiProblem.conflict(fileName + " in " + groupName + " is a file with sha256 " + file.getSha256());
        }
        String chunks = null;
        if (availability.chunks() != null) {
            Bitfield bitfield;
            try {
                bitfield = Bitfield.fromBase64(availability.chunks(), file.getChunkCount());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("chunks: " + e.getMessage());
            }
            chunks = bitfield.isComplete() ? null : bitfield.toBase64();
        }
        String held = chunks;
        retryOnce(() -> transaction.execute(status -> {
            groups.lockMembership(access.group(), me);
            hold(file.getId(), me.userId(), held);
            return null;
        }));
    }

    /**
     * Drops the caller's holding. Always allowed, also to someone who has left a private group since sharing
     * in it; to a caller who may not read the group it answers 204 whether or not the file exists, so it tells
     * a non-member nothing. Runs under the group's lock, so it cannot delete a file another member is just
     * registering again.
     */
    public void stopSharing(CurrentUser me, String groupName, String fileName) {
        Validation.requireName("group", groupName);
        Validation.requireFileName(fileName);
        transaction.executeWithoutResult(status -> {
            GroupAccess group = groups.lockedAccess(groupName, me);
            SharedFile file = files.findByGroupIdAndName(group.groupId(), fileName).orElse(null);
            if (file == null) {
                if (group.canRead()) throw noSuchFile(groupName, fileName);
                return;
            }
            if (holdings.deleteHolding(file.getId(), me.userId()) > 0) {
                log.info("file unshared: {} in {} by {}", fileName, groupName, me.username());
            }
            files.deleteUnheldInGroup(group.groupId());
        });
    }

    /** Runs inside the leaving transaction, with the group locked. */
    @EventListener
    void onMemberLeft(MemberLeft left) {
        holdings.deleteByUserInGroup(left.userId(), left.groupId());
        files.deleteUnheldInGroup(left.groupId());
    }

    private void hold(Long fileId, Long userId, String chunks) {
        Instant now = clock.instant();
        if (holdings.update(fileId, userId, chunks, now) == 0) {
            holdings.saveAndFlush(new Holding(fileId, userId, chunks, now));
        }
    }

    /** The file, when the group exists, {@code me} may read it, and it has such a file; else 400, 404 or 403. */
    private FileAccess readableFile(CurrentUser me, String groupName, String fileName) {
        Validation.requireName("group", groupName);
        Validation.requireFileName(fileName);
        FileAccess access = files.findAccess(groupName, fileName, me.userId(), clock.instant()).orElse(null);
        requireReadable(access == null ? null : access.group(), access != null && access.file() != null, groupName, fileName);
        return access;
    }

    /** 404 when there is no such group ({@code group} null) or file, 403 when the caller may not read the group. */
    private static void requireReadable(GroupAccess group, boolean hasFile, String groupName, String fileName) {
        if (group == null) throw GroupAccess.noSuchGroup(groupName);
        if (!group.canRead()) throw GroupAccess.notReadable(groupName);
        if (!hasFile) throw noSuchFile(groupName, fileName);
    }

    private static ApiProblem noSuchFile(String groupName, String fileName) {
        return ApiProblem.notFound("no file named " + fileName + " in " + groupName);
    }

    private Instant onlineSince() {
        return clock.instant().minus(properties.peerTimeout());
    }

    /** Another instance may insert the same row between our look and our insert: the second try sees it. */
    private static <T> T retryOnce(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataIntegrityViolationException raced) {
            return work.get();
        }
    }
}
