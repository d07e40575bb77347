package dev.p2pshare.agent.control;

import dev.p2pshare.agent.download.DownloadService;
import dev.p2pshare.agent.system.Problems;
import dev.p2pshare.agent.system.RateLimits;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadLimit;
import dev.p2pshare.shared.control.TransferLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Control API: the agent's bandwidth limits and one download's own limit, changed while transfers run. */
@RestController
public class LimitsController {
    private static final Logger log = LoggerFactory.getLogger(LimitsController.class);

    private final RateLimits limits;
    private final DownloadService downloads;

    public LimitsController(RateLimits limits, DownloadService downloads) {
        this.limits = limits;
        this.downloads = downloads;
    }

    @GetMapping("/control/limits")
    public TransferLimits limits() {
        return limits.current();
    }

    @PutMapping("/control/limits")
    public TransferLimits change(@RequestBody TransferLimits change) {
        if (change == null) throw Problems.of(HttpStatus.BAD_REQUEST, "no limits given");
        try {
            TransferLimits now = limits.change(change);
            log.info("limits now: download {} B/s, upload {} B/s, local peers limited: {}", now.maxDownloadRate(),
                    now.maxUploadRate(), now.limitLocalPeers());
            return now;
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @PutMapping("/control/limits/downloads/{id}")
    public DownloadInfo limitDownload(@PathVariable String id, @RequestBody DownloadLimit limit) {
        if (limit == null) throw Problems.of(HttpStatus.BAD_REQUEST, "no limit given");
        DownloadInfo info = downloads.limit(id, limit.maxRate());
        log.info("download {}: own limit now {} B/s", id, limit.maxRate());
        return info;
    }
}
