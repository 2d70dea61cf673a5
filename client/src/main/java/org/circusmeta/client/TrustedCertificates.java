package org.circusmeta.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates of a PEM file (a manager's self-signed certificate, or the authority that signed it) as
 * the only ones an https connection trusts: {@code circusmeta --ca-file PEM}. The host name is checked
 * against the certificate as usual. Stateless.
 */
final class TrustedCertificates {
    private TrustedCertificates() {}

    /** @throws IllegalArgumentException when the file cannot be read or holds no certificate, saying which */
    static SSLSocketFactory fromPem(Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca-file " + pem + ": could not read certificates from it (" + e.getMessage()
                    + "); give a PEM file (-----BEGIN CERTIFICATE-----)", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("--ca-file " + pem + " holds no certificate; give a PEM file"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not set up TLS with the certificates of " + pem + ": " + e.getMessage(), e);
        }
    }
}
