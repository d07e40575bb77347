package dev.p2pshare.agent.serve;

import dev.p2pshare.shared.Manifest;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tunes the chunk listener for bulk transfer: Tomcat's default 8 KiB socket write buffer turns a
 * 512 KiB chunk into 64 system calls; a larger one sends it in a few, and a direct one saves the
 * JDK's copy of every written byte into a native buffer.
 */
@Component
public class ChunkListenerTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    static final int SOCKET_WRITE_BUFFER = Manifest.CHUNK_SIZE / 4;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_WRITE_BUFFER));
            connector.setProperty("socket.directBuffer", "true");
        });
    }
}
