package dev.p2pshare.tracker;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool, written as
 * the PEM pair a Spring Boot SSL bundle reads ({@code certificate}, {@code privateKey}).
 */
public record TestCertificate(X509Certificate x509, Path certificate, Path privateKey) {
    private static final String PASSWORD = "test-only";

    public static TestCertificate create(Path dir, String name) throws Exception {
        Path keyStore = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        X509Certificate x509 = (X509Certificate) store.getCertificate(name);
        Path certificate = Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", x509.getEncoded()));
        Path privateKey = Files.writeString(dir.resolve(name + "-key.pem"),
                pem("PRIVATE KEY", store.getKey(name, PASSWORD.toCharArray()).getEncoded()));
        return new TestCertificate(x509, certificate, privateKey);
    }

    /** Spring Boot properties that make a tracker serve HTTPS with this certificate, as README.md says. */
    public List<String> serverProperties() {
        return List.of("server.ssl.bundle=tracker",
                "spring.ssl.bundle.pem.tracker.keystore.certificate=file:" + certificate,
                "spring.ssl.bundle.pem.tracker.keystore.private-key=file:" + privateKey);
    }

    /** A TLS context that trusts this certificate and nothing else. */
    public SSLContext trustingOnlyThis() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("only", x509);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
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
