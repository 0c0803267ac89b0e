package org.wildfly.extras.sip.container.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed RSA key for 127.0.0.1, made with the JDK's keytool into {@code target/} when a test asks for it, and
 * the SSL contexts of a server that presents it and of a client that trusts it (and nothing else).
 */
public final class SelfSignedKeys {

    public static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keys;
    private final Certificate certificate;

    private SelfSignedKeys(KeyStore keys, Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /**
     * @param name the key store's file name in {@code target/tls}, and the key's alias
     * @return the key, made now
     */
    public static SelfSignedKeys generate(String name) throws IOException, GeneralSecurityException, InterruptedException {
        return generate(name, "ip:127.0.0.1,dns:localhost");
    }

    /**
     * @param name the key store's file name in {@code target/tls}, and the key's alias
     * @param names the certificate's subject alternative names, as keytool takes them ({@code ip:127.0.0.1,dns:localhost})
     * @return the key, made now
     */
    public static SelfSignedKeys generate(String name, String names) throws IOException, GeneralSecurityException, InterruptedException {
        return generate(name, names, "CN=localhost");
    }

    /**
     * @param name the key store's file name in {@code target/tls}, and the key's alias
     * @param names the certificate's subject alternative names, as keytool takes them ({@code ip:127.0.0.1,dns:localhost})
     * @param subject the certificate's subject, such as {@code CN=alice, O=Example}
     * @return the key, made now
     */
    public static SelfSignedKeys generate(String name, String names, String subject) throws IOException, GeneralSecurityException, InterruptedException {
        Path directory = Path.of("target", "tls");
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".p12");
        Files.deleteIfExists(file);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-alias", name, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", subject, "-ext", "SAN=" + names)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD);
        }
        return new SelfSignedKeys(keys, keys.getCertificate(name));
    }

    /** @return a context that presents this key and trusts only it */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(this.keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), this.trustManagers(), null);
        return context;
    }

    /** @return a context without a key that trusts only this key */
    public SSLContext clientContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, this.trustManagers(), null);
        return context;
    }

    /**
     * @param server the key of the server it connects to, which it trusts
     * @return a context that presents this key as its client certificate
     */
    public SSLContext clientContextTrusting(SelfSignedKeys server) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(this.keyManagers(), server.trustManagers(), null);
        return context;
    }

    /**
     * What an Elytron server-ssl-context with want-client-auth and a trust manager gives a TLS connector.
     * @param clients the client keys whose certificates it trusts
     * @return a context that presents this key and asks each client for a certificate, which it may leave out
     */
    public SSLContext serverContextWantingClients(SelfSignedKeys... clients) throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < clients.length; i++) {
            trusted.setCertificateEntry("client-" + i, clients[i].certificate);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(this.keyManagers(), trustManagers.getTrustManagers(), null);
        return WantClientAuthContext.of(context);
    }

    private javax.net.ssl.KeyManager[] keyManagers() throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(this.keys, PASSWORD);
        return keyManagers.getKeyManagers();
    }

    private javax.net.ssl.TrustManager[] trustManagers() throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        trusted.setCertificateEntry("trusted", this.certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        return trustManagers.getTrustManagers();
    }
}
