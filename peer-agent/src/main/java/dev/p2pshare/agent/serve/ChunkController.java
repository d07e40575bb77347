package dev.p2pshare.agent.serve;

import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.agent.chunk.FileStamp;
import dev.p2pshare.agent.chunk.HeldFile;
import dev.p2pshare.agent.chunk.HeldFileChanged;
import dev.p2pshare.agent.chunk.HeldFiles;
import dev.p2pshare.agent.system.Problems;
import dev.p2pshare.agent.system.RateLimit;
import dev.p2pshare.agent.system.Throttle;
import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Globals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The chunk server other peers download from. The path names a file only by its SHA-256 and a
 * chunk number; the bytes come from the registered file or folder. A shared file is served as it is (by
 * sendfile over plain HTTP; a folder's chunk is read from its files) only while the stamps (size, modification
 * and change time, identity) of the files the chunk lies in are the ones taken when it was hashed; any
 * other chunk (a download in progress, a file whose change time moved) is checked against the manifest
 * as it is read, so nothing that does not match is ever sent.
 */
@RestController
@RequestMapping("/chunks")
public class ChunkController {
    private static final Logger log = LoggerFactory.getLogger(ChunkController.class);
    private static final int MAX_INDEX_DIGITS = 10;

    private final GrantVerifier grants;
    private final HeldFiles heldFiles;
    private final UploadSlots uploads;
    private final ApplicationEventPublisher events;
    private final ServedReporter served;
    private final Counter chunksServed;
    private final Counter bytesServed;

    public ChunkController(GrantVerifier grants, HeldFiles heldFiles, UploadSlots uploads,
                           ApplicationEventPublisher events, ServedReporter served, MeterRegistry meters) {
        this.grants = grants;
        this.heldFiles = heldFiles;
        this.uploads = uploads;
        this.events = events;
        this.served = served;
        this.chunksServed = meters.counter("p2p.chunks.served");
        this.bytesServed = meters.counter("p2p.bytes.served");
    }

    /** Which chunks of the file this agent holds, as a Base64 bitfield. */
    @GetMapping("/{sha256}")
    public ChunkAvailability held(@PathVariable String sha256,
                                  @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        checkHash(sha256);
        HeldFile file = heldFor(grants.check(authorization, sha256));
        return new ChunkAvailability(sha256, file.held().toBase64());
    }

    /**
     * Chunk {@code index}, or with {@code count} the run of up to that many neighbouring chunks from it that
     * this agent holds (at least chunk {@code index}), one after the other in one body; its length tells the
     * downloader how many it got.
     */
    @GetMapping("/{sha256}/{index}")
    public void chunk(@PathVariable String sha256, @PathVariable String index,
                      @RequestParam(value = "count", required = false) String count,
                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        checkHash(sha256);
        long chunk = parseIndex(index);
        int asked = parseCount(count);
        Grant grant = grants.check(authorization, sha256);
        HeldFile file = heldFor(grant);
        Manifest manifest = file.manifest();
        if (chunk >= manifest.chunkCount() || !file.held().get((int) chunk)) {
            throw Problems.of(HttpStatus.NOT_FOUND, "this agent does not hold chunk " + chunk);
        }
        int first = (int) chunk;
        int run = 1;
        while (run < asked && first + run < manifest.chunkCount() && file.held().get(first + run)) run++;
        // Shared files whose stamps are as hashed hold the hashed bytes; any other is checked as it is read.
        FileStamp.Check check = file.check(first, run);
        if (check == FileStamp.Check.CHANGED) throw changed(file, "its size or modification time changed");
        boolean asHashed = check == FileStamp.Check.UNCHANGED;
        long start = manifest.offset(first);
        long length = manifest.offset(first + run - 1) + manifest.chunkLength(first + run - 1) - start;
        Throttle throttle = uploads.throttle(request.getRemoteAddr());
        if (asHashed && file.folderFiles() == null && throttle == null
                && Boolean.TRUE.equals(request.getAttribute(Globals.SENDFILE_SUPPORTED_ATTR))) {
            sendfile(file, start, length, request, response);
            served.count(grant, length);
            return;
        }
        ByteBuffer buffer = uploads.tryAcquire();
        if (buffer == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "too many uploads at once; retry shortly");
        }
        try (ChunkStore store = openForReading(file)) {
            // The first chunk is read (and checked) before the answer starts, so that a file that changed
            // gets a 404; a later one that fails cuts the answer short, which the downloader notices.
            read(file, store, first, buffer, asHashed);
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            response.setContentLengthLong(length);
            ServletOutputStream out = response.getOutputStream();
            for (int i = first; i < first + run; i++) {
                if (i > first) read(file, store, i, buffer, asHashed);
                int sent = buffer.remaining();
                try {
                    write(out, buffer, throttle);
                } catch (IOException e) {
                    // The peer went away or cancelled (endgame): nothing to answer any more.
                    log.debug("upload of chunk {} of {} aborted: {}", i, sha256, e.toString());
                    return;
                }
                chunksServed.increment();
                bytesServed.increment(sent);
                served.count(grant, sent);
            }
        } finally {
            uploads.release(buffer);
        }
    }

    private ChunkStore openForReading(HeldFile file) {
        try {
            return file.openForReading();
        } catch (IOException e) {
            throw changed(file, "it cannot be read: " + e.getMessage());
        }
    }

    /** Reads chunk {@code index} into {@code buffer}, checked against the manifest unless its files are as hashed. */
    private void read(HeldFile file, ChunkStore store, int index, ByteBuffer buffer, boolean asHashed) {
        try {
            store.read(index, buffer);
        } catch (IOException e) {
            throw changed(file, "it cannot be read: " + e.getMessage());
        }
        if (!asHashed && !ChunkVerifier.matches(buffer, file.manifest().chunks().get(index))) {
            throw changed(file, "chunk " + index + " no longer matches the manifest");
        }
    }

    /**
     * Hands the bytes to Tomcat's sendfile: once this method returns, the kernel copies them from the page
     * cache to the socket, with no thread, buffer or copy of ours (plain HTTP only; TLS needs the bytes).
     */
    private void sendfile(HeldFile file, long start, long length, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setContentLengthLong(length);
        request.setAttribute(Globals.SENDFILE_FILENAME_ATTR, file.path().toString());
        request.setAttribute(Globals.SENDFILE_FILE_START_ATTR, start);
        request.setAttribute(Globals.SENDFILE_FILE_END_ATTR, start + length);
        chunksServed.increment((length + Manifest.CHUNK_SIZE - 1) / Manifest.CHUNK_SIZE);
        bytesServed.increment(length);
    }

    /** Writes the (heap) buffer's bytes: ServletOutputStream.write(ByteBuffer) would copy them into a new array. */
    private void write(ServletOutputStream out, ByteBuffer buffer, Throttle throttle) throws IOException {
        byte[] bytes = buffer.array();
        int offset = buffer.arrayOffset() + buffer.position();
        int end = offset + buffer.remaining();
        if (throttle == null) {
            out.write(bytes, offset, end - offset);
            return;
        }
        try {
            while (offset < end) {
                int n = Math.min(RateLimit.SLICE, end - offset);
                throttle.take(n, () -> false);
                out.write(bytes, offset, n);
                out.flush();
                offset += n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HeldFile heldFor(Grant grant) {
        HeldFile file = heldFiles.find(grant.sha256(), grant.group());
        if (file == null) {
            throw Problems.of(HttpStatus.NOT_FOUND, "this agent holds no such file in " + grant.group());
        }
        return file;
    }

    /** Stops serving a file that changed under us; returns the 404 to throw. */
    private RuntimeException changed(HeldFile file, String reason) {
        log.warn("stopped serving {} in {}: {}", file.path(), file.group(), reason);
        heldFiles.remove(file);
        events.publishEvent(new HeldFileChanged(file, reason));
        return Problems.of(HttpStatus.NOT_FOUND, "this agent no longer holds that file");
    }

    private static void checkHash(String sha256) {
        if (!Hex.isSha256(sha256)) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "the file hash must be 64 lower-case hex digits");
        }
    }

    /** How many chunks a request may ask for: 1 without {@code count}, at most {@link Manifest#MAX_RUN}. */
    private static int parseCount(String count) {
        if (count == null) return 1;
        int n = count.isEmpty() || count.length() > 2 || !count.chars().allMatch(c -> c >= '0' && c <= '9') ? 0
                : Integer.parseInt(count);
        if (n < 1 || n > Manifest.MAX_RUN) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "count must be a number from 1 to " + Manifest.MAX_RUN);
        }
        return n;
    }

    private static long parseIndex(String index) {
        if (index.isEmpty() || index.length() > MAX_INDEX_DIGITS || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "the chunk index must be a number from 0");
        }
        return Long.parseLong(index);
    }
}
