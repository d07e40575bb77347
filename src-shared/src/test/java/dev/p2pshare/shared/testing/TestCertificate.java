package dev.p2pshare.shared.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool, for the
 * HTTPS tests of every module (this module's test-jar): the PEM pair a Spring Boot SSL bundle reads
 * ({@code certificate}, {@code privateKey}; {@code certificate} is also the file clients are told to trust)
 * and the PKCS12 key store keytool made.
 */
public record TestCertificate(X509Certificate x509, Path certificate, Path privateKey, Path keyStore) {
    private static final String PASSWORD = "test-only";

    /** Makes {@code dir/name.pem}, {@code dir/name-key.pem} and {@code dir/name.p12}. */
    public static TestCertificate create(Path dir, String name) throws Exception {
        Path keyStore = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        KeyStore store = load(keyStore);
        X509Certificate x509 = (X509Certificate) store.getCertificate(name);
        Path certificate = Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", x509.getEncoded()));
        Path privateKey = Files.writeString(dir.resolve(name + "-key.pem"),
                pem("PRIVATE KEY", store.getKey(name, PASSWORD.toCharArray()).getEncoded()));
        return new TestCertificate(x509, certificate, privateKey, keyStore);
    }

    /** Spring Boot properties that make a server listen with HTTPS on this certificate, as README.md says. */
    public List<String> serverProperties(String bundle) {
        return List.of("server.ssl.bundle=" + bundle,
                "spring.ssl.bundle.pem." + bundle + ".keystore.certificate=file:" + certificate,
                "spring.ssl.bundle.pem." + bundle + ".keystore.private-key=file:" + privateKey);
    }

    /** {@link #serverProperties} as command-line arguments ({@code --key=value}). */
    public List<String> serverArguments(String bundle) {
        return serverProperties(bundle).stream().map(property -> "--" + property).toList();
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

    /** A TLS context that presents this certificate, for a test's own HTTPS server. */
    public SSLContext presentingThis() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore load(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
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
