package dev.p2pshare.agent.system;

import dev.p2pshare.shared.TrustedCertificates;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/** The one outbound HTTP client of the agent, for the tracker and for other peers alike. */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfig {

    @Bean(destroyMethod = "")
    public OkHttpClient okHttpClient(AgentSettings settings) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                // Downloads keep several requests in flight to every peer: keep those connections warm.
                .connectionPool(new ConnectionPool(64, 2, TimeUnit.MINUTES))
                .retryOnConnectionFailure(true)
                .followRedirects(false);
        if (settings.trustCertificate() != null) trust(builder, settings.trustCertificate());
        return builder.build();
    }

    /** https trackers and peers may also present {@code pemFile}'s certificates (p2p.agent.trust-certificate). */
    private static void trust(OkHttpClient.Builder builder, Path pemFile) {
        try {
            X509TrustManager trust = TrustedCertificates.trustManager(pemFile);
            builder.sslSocketFactory(TrustedCertificates.sslContext(trust).getSocketFactory(), trust);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("p2p.agent.trust-certificate: cannot use " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** Releases the pool's threads and sockets when the agent stops (several agents may share a JVM in tests). */
    @Bean
    public AutoCloseable okHttpShutdown(OkHttpClient client) {
        return () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        };
    }
}
