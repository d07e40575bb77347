package dev.p2pshare.agent.system;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** The one outbound HTTP client of the agent, for the tracker and for other peers alike. */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfig {

    @Bean(destroyMethod = "")
    public OkHttpClient okHttpClient(AgentSettings settings) {
        return new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                // Downloads keep several requests in flight to every peer: keep those connections warm.
                .connectionPool(new ConnectionPool(64, 2, TimeUnit.MINUTES))
                .retryOnConnectionFailure(true)
                .followRedirects(false)
                .build();
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
