package dev.p2pshare.agent.system;

import dev.p2pshare.shared.control.TransferLimits;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's bandwidth limits ({@code max-download-rate}, {@code max-upload-rate}, {@code limit-local-peers}),
 * changeable while it runs. A transfer asks for its {@link Throttle} as it starts: null when no limit
 * applies, so an unlimited transfer never touches a bucket.
 */
@Component
public class RateLimits {
    private final RateLimit download;
    private final RateLimit upload;
    private volatile boolean limitLocalPeers;

    public RateLimits(AgentSettings settings) {
        this.download = new RateLimit(settings.maxDownloadBytesPerSecond());
        this.upload = new RateLimit(settings.maxUploadBytesPerSecond());
        this.limitLocalPeers = settings.limitLocalPeers();
    }

    public TransferLimits current() {
        return new TransferLimits(download.rate(), upload.rate(), limitLocalPeers);
    }

    /** Applies the fields given (null: unchanged); IllegalArgumentException for a negative rate, changing nothing. */
    public synchronized TransferLimits change(TransferLimits change) {
        checkRate(change.maxDownloadRate());
        checkRate(change.maxUploadRate());
        if (change.maxDownloadRate() != null) download.set(change.maxDownloadRate());
        if (change.maxUploadRate() != null) upload.set(change.maxUploadRate());
        if (change.limitLocalPeers() != null) limitLocalPeers = change.limitLocalPeers();
        return current();
    }

    private static void checkRate(Long rate) {
        if (rate != null && rate < 0) throw new IllegalArgumentException("a rate cannot be negative (0 is unlimited)");
    }

    /** What limits a download's chunk from the peer at {@code host}: the download's own limit and the agent's. */
    public Throttle forDownload(RateLimit own, String host) {
        return throttle(host, own, download);
    }

    /** What limits an upload to the peer at {@code address}. */
    public Throttle forUpload(String address) {
        return throttle(address, upload);
    }

    private Throttle throttle(String host, RateLimit... candidates) {
        List<RateLimit> limits = new ArrayList<>(candidates.length);
        for (RateLimit limit : candidates) {
            if (limit.rate() > 0) limits.add(limit);
        }
        if (limits.isEmpty() || (!limitLocalPeers && local(host))) return null;
        return new Throttle(limits);
    }

    /**
     * Whether every address of {@code host} is on this machine or the local network (loopback,
     * site-local, link-local, IPv6 unique-local); an IP address is not looked up, a name is (cached by the JVM).
     */
    static boolean local(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                boolean uniqueLocal = address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc;
                if (!address.isLoopbackAddress() && !address.isSiteLocalAddress() && !address.isLinkLocalAddress()
                        && !uniqueLocal) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
