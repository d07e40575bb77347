package dev.p2pshare.agent.share;

import dev.p2pshare.shared.control.HashingProgress;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.ShareRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Control API for sharing: the CLI's upload_file and stop_sharing. */
@RestController
public class ShareController {
    private final ShareService shares;

    public ShareController(ShareService shares) {
        this.shares = shares;
    }

    @PostMapping("/control/shares")
    public ResponseEntity<ShareInfo> share(@RequestBody ShareRequest request) {
        ShareService.Shared shared = shares.share(request.path(), request.group());
        return ResponseEntity.status(shared.created() ? HttpStatus.CREATED : HttpStatus.OK).body(shared.info());
    }

    @GetMapping("/control/shares")
    public List<ShareInfo> list() {
        return shares.list();
    }

    @DeleteMapping("/control/shares/{group}/{fileName}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void stop(@PathVariable String group, @PathVariable String fileName) {
        shares.stop(group, fileName);
    }

    @GetMapping("/control/hashing")
    public List<HashingProgress> hashing() {
        return shares.hashing();
    }
}
