/**
 * Downloads, told in the order a chunk travels. {@link dev.p2pshare.agent.download.DownloadService} takes a
 * request, checks it and starts a {@link dev.p2pshare.agent.download.SwarmDownload}, remembered by
 * {@code DownloadStore}. The download's {@code PeerRefresh} asks the tracker for the holders and a grant;
 * its coordinator thread has {@code PiecePicker} choose a chunk for the least busy {@code PeerState} and
 * hands the request to a worker, which fetches the bytes through {@link dev.p2pshare.agent.download.PeerClient},
 * verifies them against the manifest, writes them into {@code <dest>.part} and marks them in the chunk map
 * (from then on the chunk server serves them). {@code WholeFileDigest} hashes the verified chunks in file
 * order as they come; when all are in, the whole file is checked and renamed to {@code dest}, and
 * {@code AvailabilityReporter} has told the tracker what the download held along the way.
 */
package dev.p2pshare.agent.download;
