package io.emrys.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Makes sure the TLS folder holds a usable CA and server certificate ({@link GatewayTls} lists the files): on first
 * start it creates them; on later starts it reuses them, so that clients that trust the CA keep working. The server
 * certificate alone is issued again (by the same CA) when it is missing, unreadable, not issued by the CA, within
 * {@link #RENEW_BEFORE} of its end, or does not name every configured host. The CA is replaced only when it is
 * missing, unreadable or near its own end; then every client has to trust the new {@code ca.pem}.
 */
public final class GatewayCertificates
{
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String CA_ALIAS = "emrys-gateway-ca";
    private static final Logger log = LoggerFactory.getLogger(GatewayCertificates.class);

    private final Clock clock;
    private final CertificateIssuer issuer;

    public GatewayCertificates(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.issuer = new CertificateIssuer(new SecureRandom());
    }

    /** The server's key and chain (its certificate, then the CA's), as written to the folder. */
    public record ServerIdentity(GatewayTls files, PrivateKey key, List<X509Certificate> chain)
    {
        public ServerIdentity
        {
            requireNonNull(files, "files is null");
            requireNonNull(key, "key is null");
            chain = List.copyOf(chain);
        }
    }

    /**
     * @param hostNames the names the server certificate must be valid for (always include {@code localhost} and
     *        {@code 127.0.0.1}; {@link ConnectGateway} adds its advertised host)
     */
    public ServerIdentity ensure(Path directory, Set<String> hostNames)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(hostNames, "hostNames is null");
        GatewayTls files = GatewayTls.in(directory);
        try {
            createPrivateDirectory(directory);
            Instant now = clock.instant();
            CaMaterial ca = loadCa(files, now);
            boolean newCa = ca == null;
            if (newCa) {
                KeyPair keys = issuer.newKeyPair();
                ca = new CaMaterial(issuer.issueCa(keys, now), keys.getPrivate());
                PemFiles.writePrivateKey(files.caKey(), ca.key());
                PemFiles.writeCertificates(files.caCertificate(), List.of(ca.certificate()));
                log.info("Created the Spark Connect gateway CA {}; clients must trust it (see GatewayTls)", files.caCertificate());
            }
            if (newCa || !truststoreHolds(files.truststore(), ca.certificate())) {
                writeTruststore(files.truststore(), ca.certificate());
            }
            ServerIdentity server = newCa ? null : loadServer(files, ca, hostNames, now);
            if (server == null) {
                KeyPair keys = issuer.newKeyPair();
                X509Certificate certificate = issuer.issueServer(keys, ca.certificate(), ca.key(), List.copyOf(hostNames), now);
                PemFiles.writePrivateKey(files.serverKey(), keys.getPrivate());
                PemFiles.writeCertificates(files.serverCertificateChain(), List.of(certificate, ca.certificate()));
                server = new ServerIdentity(files, keys.getPrivate(), List.of(certificate, ca.certificate()));
                log.info("Issued the Spark Connect gateway certificate {} for {}", files.serverCertificateChain(), hostNames);
            }
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the gateway's TLS files in " + directory, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot prepare the gateway's TLS files in " + directory, e);
        }
    }

    private record CaMaterial(X509Certificate certificate, PrivateKey key) {}

    private static CaMaterial loadCa(GatewayTls files, Instant now)
    {
        if (!Files.isRegularFile(files.caCertificate()) || !Files.isRegularFile(files.caKey())) {
            return null;
        }
        try {
            X509Certificate certificate = PemFiles.readCertificates(files.caCertificate()).get(0);
            PrivateKey key = PemFiles.readPrivateKey(files.caKey(), CertificateIssuer.KEY_ALGORITHM);
            if (!validThrough(certificate, now.plus(RENEW_BEFORE))) {
                log.warn("The gateway CA {} expires soon; replacing it, and clients must trust the new one", files.caCertificate());
                return null;
            }
            return new CaMaterial(certificate, key);
        }
        catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.warn("Cannot read the gateway CA in {}; making a new one, and clients must trust it", files.caCertificate(), e);
            return null;
        }
    }

    private static ServerIdentity loadServer(GatewayTls files, CaMaterial ca, Set<String> hostNames, Instant now)
    {
        if (!Files.isRegularFile(files.serverCertificateChain()) || !Files.isRegularFile(files.serverKey())) {
            return null;
        }
        try {
            X509Certificate certificate = PemFiles.readCertificates(files.serverCertificateChain()).get(0);
            PrivateKey key = PemFiles.readPrivateKey(files.serverKey(), CertificateIssuer.KEY_ALGORITHM);
            certificate.verify(ca.certificate().getPublicKey());
            if (!validThrough(certificate, now.plus(RENEW_BEFORE)) || !subjectAltNames(certificate).containsAll(hostNames)) {
                return null;
            }
            return new ServerIdentity(files, key, List.of(certificate, ca.certificate()));
        }
        catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.info("Issuing a new gateway certificate: the one in {} is not usable ({})", files.serverCertificateChain(), e.toString());
            return null;
        }
    }

    static Set<String> subjectAltNames(X509Certificate certificate)
            throws CertificateParsingException
    {
        Set<String> names = new HashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                names.add(String.valueOf(entry.get(1)));
            }
        }
        return names;
    }

    private static boolean validThrough(X509Certificate certificate, Instant instant)
    {
        return certificate.getNotAfter().toInstant().isAfter(instant);
    }

    private static boolean truststoreHolds(Path truststore, X509Certificate ca)
    {
        if (!Files.isRegularFile(truststore)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance(GatewayTls.TRUSTSTORE_TYPE);
            store.load(in, GatewayTls.TRUSTSTORE_PASSWORD.toCharArray());
            Certificate held = store.getCertificate(CA_ALIAS);
            return store.isCertificateEntry(CA_ALIAS) && ca.equals(held);
        }
        catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    private static void writeTruststore(Path truststore, X509Certificate ca)
            throws IOException, GeneralSecurityException
    {
        KeyStore store = KeyStore.getInstance(GatewayTls.TRUSTSTORE_TYPE);
        store.load(null, null);
        store.setCertificateEntry(CA_ALIAS, ca);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, GatewayTls.TRUSTSTORE_PASSWORD.toCharArray());
        PemFiles.writeAtomically(truststore, bytes.toByteArray(), false);
    }

    private static void createPrivateDirectory(Path directory)
            throws IOException
    {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
