/**
 * Downloads, told in the order a chunk travels. {@link dev.p2pshare.agent.download.DownloadService} takes a
 * request, checks it and starts a {@link dev.p2pshare.agent.download.SwarmDownload}, remembered by
 * {@code DownloadStore}. The download's {@code PeerRefresh} asks the tracker for the holders and a grant;
 * its coordinator thread has {@code PiecePicker} choose a chunk for the least busy {@code PeerState} and
 * hands the request to a worker, which fetches the bytes through {@link dev.p2pshare.agent.download.PeerClient},
 * verifies them against the manifest, writes them into the download's {@code DownloadTarget} and marks them
 * in the chunk map (from then on the chunk server serves them). For a file ({@code FileTarget}) that is
 * {@code <dest>.part}, which {@code WholeFileDigest} hashes in file order as chunks come, checked and renamed
 * to {@code dest} at the end; for a folder ({@code FolderDownload}) a part area whose files are each checked
 * and renamed into {@code <dest>/<path>} as soon as their chunks are in ({@code FolderSelection} says which
 * files and chunks). {@code AvailabilityReporter} tells the tracker what the download holds along the way.
 */
package dev.p2pshare.agent.download;
