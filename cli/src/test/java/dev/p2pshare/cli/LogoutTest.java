package dev.p2pshare.cli;

import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LogoutTest {
    @TempDir
    Path cwd;

    @Test
    void logoutIsQuickEvenWhenTheAgentDoesNotStop() throws Exception {
        // An agent that answers the logout but neither exits nor heeds SIGTERM (a stand-in for one stuck in its shutdown).
        Process stuck = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 1; done").start();
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        control.start();
        try {
            String url = "http://127.0.0.1:" + control.getAddress().getPort();
            SessionFolder home = new SessionFolder(cwd.resolve(".p2p"), new Json());
            home.saveSession(new SessionInfo("alice", List.of("http://127.0.0.1:9"), "tok", Instant.parse("2099-01-01T00:00:00Z"), null));
            home.savePasswordCheck(PasswordCheck.of("alice-pw"));
            Files.writeString(home.file(SessionFiles.SECRET), "s3cret");
            Files.writeString(home.file(SessionFiles.ENDPOINT), new Json().write(new AgentEndpoint(stuck.pid(), url, url)));

            long start = System.nanoTime();
            CliRun logout = CliRun.run(cwd, Map.of(), "logout");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(logout.exitCode()).as(logout.err()).isZero();
            assertThat(logout.out().strip())
                    .isEqualTo("Logged out alice; the agent did not exit by itself, nor when asked to, and was killed");
            assertThat(seen).containsExactly("POST /control/logout");
            assertThat(stuck.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(took).isLessThan(LogoutCommand.EXIT_TIMEOUT.plus(LogoutCommand.TERMINATE_TIMEOUT).plusSeconds(3));
            assertThat(home.file(SessionFiles.SESSION)).doesNotExist();
            assertThat(home.file(SessionFolder.PASSWORD_CHECK)).doesNotExist();
        } finally {
            control.stop(0);
            stuck.destroyForcibly();
        }
    }
}
