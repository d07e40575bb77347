package dev.p2pshare.agent.chunk;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the chunk server may serve, by whole-file SHA-256. Shares and downloads add and remove entries. */
@Component
public class HeldFiles {
    private final Map<String, List<HeldFile>> bySha256 = new ConcurrentHashMap<>();

    public void add(HeldFile file) {
        bySha256.computeIfAbsent(file.sha256(), k -> new CopyOnWriteArrayList<>()).add(file);
    }

    public void remove(HeldFile file) {
        bySha256.computeIfPresent(file.sha256(), (k, list) -> {
            list.remove(file);
            return list.isEmpty() ? null : list;
        });
    }

    /** The entry for this file in this group; a complete one is preferred over a download in progress. */
    public HeldFile find(String sha256, String group) {
        HeldFile best = null;
        for (HeldFile file : bySha256.getOrDefault(sha256, List.of())) {
            if (!file.group().equals(group)) continue;
            if (best == null || (!best.shared() && file.shared())) best = file;
        }
        return best;
    }
}
