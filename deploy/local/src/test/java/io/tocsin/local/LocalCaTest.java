package io.tocsin.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local CA signs a server certificate that a client trusting only the CA accepts for 127.0.0.1. */
class LocalCaTest {

    @Test
    void theServerCertificateIsSignedByTheLocalCaForLoopback(@TempDir Path dir) throws Exception {
        LocalCa.Material material = LocalCa.loadOrCreate(dir);
        X509Certificate ca = material.caCertificate();
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(material.serverKeyStore())) {
            server.load(in, material.password().toCharArray());
        }
        Certificate[] chain = server.getCertificateChain("server");
        assertNotNull(chain, "the server key has its chain");
        X509Certificate leaf = (X509Certificate) chain[0];
        leaf.verify(ca.getPublicKey());
        leaf.checkValidity();
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, leaf.getBasicConstraints(), "the server certificate is not");
        List<String> names = leaf.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertTrue(names.contains("127.0.0.1") && names.contains("localhost"), names.toString());
        assertTrue(leaf.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "for TLS servers");
        // Made once: a second call reuses the files (clients keep trusting the same CA).
        assertEquals(ca, LocalCa.loadOrCreate(dir).caCertificate());
    }
}
