package dev.p2pshare.shared;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * What an https client of p2p-share trusts when it is given a PEM file (the agent's
 * {@code p2p.agent.trust-certificate}, the CLI's {@code --trust-cert}): the certificates in that file, a
 * private CA or a tracker's or peer's own self-signed certificate, on top of the platform's CAs.
 * Host names are still checked against the certificate as usual.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** A trust manager for the certificates in {@code pemFile} and the platform's CAs. */
    public static X509TrustManager trustManager(Path pemFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) throw new CertificateException(pemFile + " holds no PEM certificate");
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (Certificate certificate : certificates) store.setCertificateEntry("trusted-" + n++, certificate);
        for (X509Certificate ca : x509(null).getAcceptedIssuers()) store.setCertificateEntry("platform-" + n++, ca);
        return x509(store);
    }

    /** A TLS context that trusts what {@code trust} trusts (and presents no client certificate). */
    public static SSLContext sslContext(X509TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{trust}, null);
        return context;
    }

    /** The default algorithm's trust manager for {@code store}; null means the platform's trust store. */
    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) return x509;
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }
}
