package dev.p2pshare.agent.control;

import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.AgentReady;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.shared.control.AgentEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Writes agent.json (pid, control URL, chunk URL) once the agent is ready and removes it when the
 * agent stops, so the CLI finds a running agent and never a dead one.
 */
@Component
public class EndpointFile {
    private static final Logger log = LoggerFactory.getLogger(EndpointFile.class);

    private final AgentHome home;
    private final AgentSettings settings;
    private final ControlListener controlListener;
    private final ApplicationEventPublisher events;
    private volatile String chunkUrl = "";

    public EndpointFile(AgentHome home, AgentSettings settings, ControlListener controlListener,
                        ApplicationEventPublisher events) {
        this.home = home;
        this.settings = settings;
        this.controlListener = controlListener;
        this.events = events;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        WebServer chunkServer = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer();
        chunkUrl = settings.publicUrl().isEmpty()
                ? scheme(chunkServer) + "://" + announcedHost(settings.chunkAddress()) + ":" + chunkServer.getPort()
                : settings.publicUrl();
        home.narrowContents();
        home.writeEndpoint(new AgentEndpoint(ProcessHandle.current().pid(), controlListener.url(), chunkUrl));
        log.info("agent ready for {}: chunks at {}, control API at {}", home.session().username(), chunkUrl,
                controlListener.url());
        events.publishEvent(new AgentReady(chunkUrl, controlListener.url()));
    }

    @EventListener
    public void onClosed(ContextClosedEvent event) {
        home.deleteEndpoint();
    }

    public String chunkUrl() {
        return chunkUrl;
    }

    /** https when the chunk listener (the main connector) serves TLS, by {@code server.ssl.bundle}. */
    private static String scheme(WebServer chunkServer) {
        return chunkServer instanceof TomcatWebServer tomcat && tomcat.getTomcat().getConnector().getSecure()
                ? "https" : "http";
    }

    /** The host other peers can reach the chunk listener at, when no public URL is configured. */
    static String announcedHost(String bindAddress) {
        try {
            InetAddress bound = InetAddress.getByName(bindAddress);
            if (!bound.isAnyLocalAddress()) {
                String host = bound.getHostAddress();
                return host.contains(":") ? "[" + host + "]" : host;
            }
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException | java.net.UnknownHostException e) {
            log.warn("cannot tell this host's address ({}); announcing 127.0.0.1", e.getMessage());
        }
        return "127.0.0.1";
    }
}
