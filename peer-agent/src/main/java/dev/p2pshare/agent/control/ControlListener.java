package dev.p2pshare.agent.control;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The control API's own Tomcat listener: 127.0.0.1 only, on a free port. The main listener is the
 * chunk server; {@link ListenerGuard} keeps each path family on its own listener.
 */
@Component
public class ControlListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    public static final String ADDRESS = "127.0.0.1";

    private final Connector connector;

    public ControlListener() {
        connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(0);
        connector.setProperty("address", ADDRESS);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addAdditionalConnectors(connector);
    }

    /** The port the control listener got, or -1 before the server started. */
    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        return "http://" + ADDRESS + ":" + port();
    }

    public boolean received(HttpServletRequest request) {
        return request.getLocalPort() == port();
    }
}
