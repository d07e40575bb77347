package dev.p2pshare.cli;

import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.TransferLimits;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.Membership;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hidden: the training run bin/p2p uses once to build a class-data-sharing archive of the CLI
 * (-XX:ArchiveClassesAtExit), so that later commands start faster. It walks the classes a typical
 * command loads (picocli, JSON, the HTTP client against a loopback server, tables) and prints nothing.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Override
    public Integer call() throws IOException {
        Json json = p2p.json();
        ShareInfo share = new ShareInfo("photos", "cat.jpg", "/tmp/cat.jpg", 3_000_000, "0".repeat(64), 6);
        DownloadInfo download = new DownloadInfo("1", "photos", "dog.jpg", "1".repeat(64), "/tmp/dog.jpg",
                DownloadState.RUNNING, 3_000_000, 1_000_000, 2, 6, 1e6, 2L, 1, List.of(), null, null,
                "downloading from 1 peer", 0L, 0, 1);
        AgentStatus status = new AgentStatus("alice", List.of(TrackerAddresses.DEFAULT), "online", "http://127.0.0.1:1",
                List.of(share), List.of(download), List.of(), new TransferLimits(20_000_000L, 0L, true));
        String statusJson = json.write(status);
        String groupsJson = json.write(List.of(new GroupSummary("photos", "alice", false, 2, 1, Membership.OWNER)));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().startsWith("/api") ? groupsJson : statusJson).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            AgentEndpoint endpoint = json.read(json.write(new AgentEndpoint(1, base, base)), AgentEndpoint.class, "training");
            AgentClient agent = new AgentClient(new ApiClient("agent", List.of(base), "secret", null, null, null, p2p.http(List.of(base)), json), endpoint);
            StatusCommand.text(p2p.home().dir(), endpoint, agent.status());
            ShowDownloadsCommand.text(agent.downloads());
            ListGroupsCommand.table(new TrackerClient(new ApiClient("tracker", List.of(base), "token", null, null, null, p2p.http(List.of(base)), json)).groups());
        } catch (CliFailure expected) {
            // the list calls get an object back; the failure path is worth training too
        } finally {
            server.stop(0);
        }
        try {
            new ApiClient("tracker", List.of("http://127.0.0.1:9"), null, null, null, null, p2p.http(List.of()), json).call("GET", "/", null, HttpApi.REQUEST_TIMEOUT);
        } catch (CliFailure expected) {
            // connection refused: the unreachable path
        }
        return ExitCodes.OK;
    }
}
