package dev.p2pshare.tracker.group;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Ends expired memberships as a removal would, so that what the member held in the group goes too (every
 * check already treats them as none). Each one under its group's lock; safe on every instance at once.
 */
@Component
class ExpiredMemberships {
    private static final Logger log = LoggerFactory.getLogger(ExpiredMemberships.class);
    private static final int BATCH = 500;

    private final GroupMemberRepository members;
    private final GroupService groups;
    private final Clock clock;

    ExpiredMemberships(GroupMemberRepository members, GroupService groups, Clock clock) {
        this.members = members;
        this.groups = groups;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${p2p.tracker.membership-sweep}", initialDelayString = "${p2p.tracker.membership-sweep}")
    void sweep() {
        for (GroupMember member : members.expired(clock.instant(), Limit.of(BATCH))) {
            if (groups.endExpired(member.getGroupId(), member.getUserId())) {
                log.info("membership expired: user {} in group {}", member.getUserId(), member.getGroupId());
            }
        }
    }
}
