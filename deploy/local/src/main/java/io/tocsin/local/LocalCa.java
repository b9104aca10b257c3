package io.tocsin.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The local stack's own certificate authority and the server certificate it signs (for {@code localhost} and
 * {@code 127.0.0.1}), made with the JDK's {@code keytool} (every JDK has it; no openssl needed) on first use, in the
 * stack's home, never in git. Services serve HTTPS with {@code server.p12}; clients trust {@code ca.pem} (or the
 * PKCS#12 trust store {@code truststore.p12}) and nothing else is needed.
 */
public final class LocalCa {

    /** The files of one local CA. {@code password} opens both PKCS#12 files. */
    public record Material(Path caPem, Path serverKeyStore, Path trustStore, String password) {

        /** An SSL context that trusts this CA only (not the JDK's default authorities). */
        public SSLContext trustingOnlyThisCa() {
            try {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("tocsin-local-ca", caCertificate());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trust);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), new SecureRandom());
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public X509Certificate caCertificate() throws IOException, GeneralSecurityException {
            try (InputStream in = Files.newInputStream(caPem)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }
    }

    private LocalCa() {
    }

    /** The CA and server certificate in {@code directory}, created there first if absent. */
    public static Material loadOrCreate(Path directory) throws IOException {
        Path caStore = directory.resolve("tls-ca.p12");
        Path caPem = directory.resolve("tls-ca.pem");
        Path server = directory.resolve("tls-server.p12");
        Path trust = directory.resolve("tls-truststore.p12");
        Path passwordFile = directory.resolve("tls-password");
        if (Files.exists(server) && Files.exists(caPem) && Files.exists(trust)
                && Files.exists(passwordFile)) {
            return new Material(caPem, server, trust, Files.readString(passwordFile).trim());
        }
        Files.createDirectories(directory);
        for (Path old : List.of(caStore, caPem, server, trust, passwordFile, directory.resolve("tls-server.csr"),
                directory.resolve("tls-server.pem"))) {
            Files.deleteIfExists(old);
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(passwordFile, password);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));

        String csr = directory.resolve("tls-server.csr").toString();
        String signed = directory.resolve("tls-server.pem").toString();
        // The CA: its own key, a self-signed certificate marked as a CA, ten years.
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Tocsin local CA, O=Tocsin (this machine only)", "-ext", "bc:c", "-validity", "3650",
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", password,
                "-file", caPem.toString());
        // The server: its own key, signed by the CA for localhost and 127.0.0.1, for TLS servers only.
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "825", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file", csr);
        keytool("-gencert", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", password, "-infile", csr,
                "-outfile", signed, "-rfc", "-validity", "825", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-ext", "eku=serverAuth", "-ext", "ku:c=digitalSignature");
        // The server's key entry gets the chain (server certificate, CA certificate).
        keytool("-importcert", "-alias", "tocsin-local-ca", "-file", caPem.toString(), "-keystore", server.toString(),
                "-storepass", password, "-noprompt");
        keytool("-importcert", "-alias", "server", "-file", signed, "-keystore", server.toString(), "-storepass", password);
        keytool("-delete", "-alias", "tocsin-local-ca", "-keystore", server.toString(), "-storepass", password);
        // A trust store holding the CA only, for Java clients.
        keytool("-importcert", "-alias", "tocsin-local-ca", "-file", caPem.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-noprompt");
        for (Path file : List.of(caStore, server)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.deleteIfExists(Path.of(csr));
        Files.deleteIfExists(Path.of(signed));
        return new Material(caPem, server, trust, password);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
