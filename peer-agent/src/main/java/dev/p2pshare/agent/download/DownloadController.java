package dev.p2pshare.agent.download;

import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Control API for downloads: the CLI's download_file, show_downloads (and its --clear) and cancel_download. */
@RestController
@RequestMapping("/control/downloads")
public class DownloadController {
    private final DownloadService downloads;

    public DownloadController(DownloadService downloads) {
        this.downloads = downloads;
    }

    @PostMapping
    public ResponseEntity<DownloadInfo> start(@RequestBody DownloadRequest request) {
        DownloadService.Started started = downloads.start(request);
        return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK).body(started.info());
    }

    @GetMapping
    public List<DownloadInfo> list() {
        return downloads.list();
    }

    @GetMapping("/{id}")
    public DownloadInfo get(@PathVariable String id) {
        return downloads.info(id);
    }

    @PostMapping("/{id}/pause")
    public DownloadInfo pause(@PathVariable String id) {
        return downloads.pause(id);
    }

    /** Stops the download and removes its {@code .part} and chunk map; answers it as it was. 409 when complete. */
    @DeleteMapping("/{id}")
    public DownloadInfo cancel(@PathVariable String id) {
        return downloads.cancel(id);
    }

    /** Forgets the complete and failed downloads; answers those forgotten. */
    @DeleteMapping("/finished")
    public List<DownloadInfo> clear() {
        return downloads.clear();
    }
}
