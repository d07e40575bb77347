package dev.p2pshare.agent;

import dev.p2pshare.shared.TrustedCertificates;
import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool: the key
 * store a server presents (Spring Boot SSL bundle arguments) and the PEM file clients trust.
 */
public record Tls(Path keyStore, Path certificate) {
    private static final String PASSWORD = "test-only";

    public static Tls create(Path dir, String name) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        return new Tls(keyStore, certificate);
    }

    /** Command-line arguments that make a Spring Boot server listen with HTTPS on this key store. */
    public List<String> serverArguments(String bundle) {
        return List.of("--server.ssl.bundle=" + bundle,
                "--spring.ssl.bundle.jks." + bundle + ".keystore.location=file:" + keyStore,
                "--spring.ssl.bundle.jks." + bundle + ".keystore.password=" + PASSWORD,
                "--spring.ssl.bundle.jks." + bundle + ".keystore.type=PKCS12");
    }

    /** A TLS context that trusts this certificate. */
    public SSLContext clientContext() throws IOException, GeneralSecurityException {
        return TrustedCertificates.sslContext(trustManager());
    }

    /** An HTTP client for the tests that trusts this certificate. */
    public OkHttpClient client() throws IOException, GeneralSecurityException {
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                .sslSocketFactory(clientContext().getSocketFactory(), trustManager()).build();
    }

    private X509TrustManager trustManager() throws IOException, GeneralSecurityException {
        return TrustedCertificates.trustManager(certificate);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + output);
        }
    }
}
