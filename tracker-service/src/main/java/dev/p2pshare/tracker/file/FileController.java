package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@Tag(name = "files")
@RestController
@RequestMapping("/api/groups/{group}/files")
@ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
public class FileController {
    private final FileService files;

    public FileController(FileService files) {
        this.files = files;
    }

    @Operation(summary = "Share a file or folder in a group (members only): register its manifest, the caller seeds it",
            description = "The same name with the same content from another member adds a seeder. A folder's manifest "
                    + "lists its files; one beyond p2p.tracker.folder-limits, or with a path that could leave the folder "
                    + "(absolute, '..', '\\', NUL, control characters, a drive letter, names differing only in case), "
                    + "is refused with 400 naming why.")
    @ApiResponse(responseCode = "201", description = "registered; the caller is a seeder")
    @ApiResponse(responseCode = "400", description = "bad group name, an inconsistent manifest, an unsafe path or a folder "
            + "beyond the folder limits")
    @ApiResponse(responseCode = "403", description = "the caller is not a member of the group")
    @ApiResponse(responseCode = "404", description = "no such group")
    @ApiResponse(responseCode = "409", description = "a file of that name with other content is shared in the group")
    @ApiResponse(responseCode = "413", description = "the manifest is larger than the request size limit")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public FileSummary register(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                @PathVariable String group, @RequestBody Manifest manifest) {
        return files.register(me, group, manifest);
    }

    @Operation(summary = "Files of a group that someone holds, with their online seeders counted",
            description = "Open groups: any user; private groups: members.")
    @ApiResponse(responseCode = "200", description = "the files, by name")
    @ApiResponse(responseCode = "400", description = "bad group name")
    @ApiResponse(responseCode = "403", description = "a private group the caller is not a member of")
    @ApiResponse(responseCode = "404", description = "no such group")
    @GetMapping
    public List<FileSummary> list(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                                  @PathVariable String group) {
        return files.list(me, group);
    }

    @Operation(summary = "A file's manifest, the online peers holding it (the caller excluded) and a download grant",
            description = "Each grant handed out is a line of the group's activity record (GET /api/groups/{group}/activity). "
                    + "A running download refreshes its peers and grant with manifest=false: the answer then leaves "
                    + "the manifest out and still carries the file's sha256.")
    @ApiResponse(responseCode = "200", description = "the details with a freshly valid grant")
    @ApiResponse(responseCode = "400", description = "bad group or file name")
    @ApiResponse(responseCode = "403", description = "a private group the caller is not a member of")
    @ApiResponse(responseCode = "404", description = "no such group or file")
    @GetMapping("/{fileName}")
    public FileDetails details(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                               @PathVariable String group, @PathVariable String fileName,
                               @Parameter(description = "false leaves the manifest out of the answer (peers, grant and "
                                       + "the file's sha256 stay): for refreshes by a download that has the manifest.",
                                       example = "false")
                               @RequestParam(defaultValue = "true") boolean manifest,
                               HttpServletRequest request) {
        return files.details(me, group, fileName, manifest, ClientAddress.of(request));
    }

    @Operation(summary = "A file's or folder's manifest alone (a folder's with its files and empty folders): no peers, no grant",
            description = "For looking at a share, e.g. a folder's tree; downloading uses GET /api/groups/{group}/files/{fileName}.")
    @ApiResponse(responseCode = "200", description = "the manifest")
    @ApiResponse(responseCode = "400", description = "bad group or file name")
    @ApiResponse(responseCode = "403", description = "a private group the caller is not a member of")
    @ApiResponse(responseCode = "404", description = "no such group or file")
    @GetMapping("/{fileName}/manifest")
    public Manifest manifest(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                             @PathVariable String group, @PathVariable String fileName) {
        return files.manifest(me, group, fileName);
    }

    @Operation(summary = "Report which chunks the caller holds (partial holder); a full bitfield makes a seeder",
            description = "Members only, in open groups too: reading an open group is open, holding its files is not.")
    @ApiResponse(responseCode = "204", description = "recorded")
    @ApiResponse(responseCode = "400", description = "bad names, or chunks is not a Base64 bitfield of the file's chunks")
    @ApiResponse(responseCode = "403", description = "the caller is not a member of the group")
    @ApiResponse(responseCode = "404", description = "no such group or file")
    @ApiResponse(responseCode = "409", description = "the file of that name has another sha256")
    @PutMapping("/{fileName}/seeders/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void reportChunks(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                             @PathVariable String group, @PathVariable String fileName,
                             @RequestBody ChunkAvailability availability) {
        files.reportChunks(me, group, fileName, availability);
    }

    @Operation(summary = "Stop sharing: the caller no longer holds the file; a file nobody holds leaves the group")
    @ApiResponse(responseCode = "204", description = "stopped (also when the caller did not hold it, or has left the group)")
    @ApiResponse(responseCode = "400", description = "bad group or file name")
    @ApiResponse(responseCode = "404", description = "no such group, or no such file in a group the caller may read")
    @DeleteMapping("/{fileName}/seeders/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void stopSharing(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me,
                            @PathVariable String group, @PathVariable String fileName) {
        files.stopSharing(me, group, fileName);
    }
}
