package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadLimit;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.HashingProgress;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.ShareRequest;
import dev.p2pshare.shared.control.TransferLimits;

import java.time.Duration;
import java.util.List;

import static dev.p2pshare.cli.ApiClient.segment;

/** The local agent's loopback control API ({@code /control/...}). */
final class AgentClient {
    /** Sharing hashes the whole file before it answers. */
    static final Duration SHARE_TIMEOUT = Duration.ofHours(2);

    private final ApiClient api;
    private final AgentEndpoint endpoint;

    AgentClient(ApiClient api, AgentEndpoint endpoint) {
        this.api = api;
        this.endpoint = endpoint;
    }

    AgentEndpoint endpoint() {
        return endpoint;
    }

    AgentStatus status() {
        return api.get("/control/status", AgentStatus.class);
    }

    ShareInfo share(ShareRequest request) {
        return api.post("/control/shares", request, ShareInfo.class, SHARE_TIMEOUT);
    }

    List<HashingProgress> hashing() {
        return api.getList("/control/hashing", HashingProgress.class);
    }

    void stopSharing(String group, String fileName) {
        api.send("DELETE", "/control/shares/" + segment(group) + "/" + segment(fileName));
    }

    DownloadInfo startDownload(DownloadRequest request) {
        return api.post("/control/downloads", request, DownloadInfo.class);
    }

    List<DownloadInfo> downloads() {
        return api.getList("/control/downloads", DownloadInfo.class);
    }

    DownloadInfo download(String id) {
        return api.get("/control/downloads/" + segment(id), DownloadInfo.class);
    }

    void pause(String id) {
        api.send("POST", "/control/downloads/" + segment(id) + "/pause");
    }

    /** Stops the download and removes its .part; the answer is the download as it was. */
    DownloadInfo cancel(String id) {
        return api.delete("/control/downloads/" + segment(id), DownloadInfo.class);
    }

    /** Forgets the complete and failed downloads; answers those forgotten. */
    List<DownloadInfo> clearFinished() {
        return List.of(api.delete("/control/downloads/finished", DownloadInfo[].class));
    }

    TransferLimits limits() {
        return api.get("/control/limits", TransferLimits.class);
    }

    TransferLimits changeLimits(TransferLimits change) {
        return api.put("/control/limits", change, TransferLimits.class);
    }

    DownloadInfo limitDownload(String id, long bytesPerSecond) {
        return api.put("/control/limits/downloads/" + segment(id), new DownloadLimit(bytesPerSecond), DownloadInfo.class);
    }

    /** Revokes the session at the tracker; the agent exits by itself right after answering. */
    void logout() {
        api.send("POST", "/control/logout");
    }
}
