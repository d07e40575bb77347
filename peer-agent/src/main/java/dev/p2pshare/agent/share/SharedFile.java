package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.FileStamp;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.ShareInfo;

/** A file this agent shares, as remembered in home/shares.json: where it is, its manifest and its stamp when hashed. */
public record SharedFile(String group, String path, Manifest manifest, FileStamp stamp) {
    public String name() {
        return manifest.name();
    }

    public ShareInfo info() {
        return new ShareInfo(group, manifest.name(), path, manifest.size(), manifest.sha256(), manifest.chunkCount());
    }
}
