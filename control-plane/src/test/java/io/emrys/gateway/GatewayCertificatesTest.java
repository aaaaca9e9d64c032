package io.emrys.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class GatewayCertificatesTest
{
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    @TempDir
    Path data;

    @Test
    void createsACaAServerCertificateAndATruststoreOnFirstStart()
            throws Exception
    {
        Path tls = data.resolve("tls");
        GatewayCertificates.ServerIdentity identity = certificates(NOW).ensure(tls, LOCAL_HOSTS);

        GatewayTls files = identity.files();
        assertThat(files).isEqualTo(GatewayTls.in(tls));
        assertThat(List.of(files.caCertificate(), files.caKey(), files.serverCertificateChain(), files.serverKey(), files.truststore()))
                .allSatisfy(file -> assertThat(file).isRegularFile());
        assertThat(Files.getPosixFilePermissions(files.caKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(files.serverKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(tls)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        X509Certificate server = identity.chain().get(0);
        assertThat(GatewayCertificates.subjectAltNames(server)).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(identity.chain().get(1).getBasicConstraints()).isZero();
        assertThat(PemFiles.readCertificates(files.serverCertificateChain())).isEqualTo(identity.chain());
        assertChainsToTruststore(identity.chain(), files.truststore(), NOW);
    }

    @Test
    void reusesTheFilesOnLaterStarts()
            throws Exception
    {
        Path tls = data.resolve("tls");
        GatewayCertificates.ServerIdentity first = certificates(NOW).ensure(tls, LOCAL_HOSTS);
        byte[] truststore = Files.readAllBytes(first.files().truststore());

        GatewayCertificates.ServerIdentity second = certificates(NOW.plus(Duration.ofDays(100))).ensure(tls, LOCAL_HOSTS);

        assertThat(second.chain()).isEqualTo(first.chain());
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(Files.readAllBytes(first.files().truststore())).isEqualTo(truststore);
    }

    @Test
    void issuesANewServerCertificateFromTheSameCaForANewHost()
            throws Exception
    {
        Path tls = data.resolve("tls");
        GatewayCertificates.ServerIdentity first = certificates(NOW).ensure(tls, LOCAL_HOSTS);

        GatewayCertificates.ServerIdentity second = certificates(NOW).ensure(tls, Set.of("localhost", "127.0.0.1", "emrys.internal"));

        assertThat(second.chain().get(1)).isEqualTo(first.chain().get(1));
        assertThat(second.chain().get(0)).isNotEqualTo(first.chain().get(0));
        assertThat(GatewayCertificates.subjectAltNames(second.chain().get(0))).contains("emrys.internal", "localhost", "127.0.0.1");
        assertChainsToTruststore(second.chain(), second.files().truststore(), NOW);
    }

    @Test
    void renewsTheServerCertificateBeforeItEnds()
            throws Exception
    {
        Path tls = data.resolve("tls");
        GatewayCertificates.ServerIdentity first = certificates(NOW).ensure(tls, LOCAL_HOSTS);
        Instant nearTheEnd = first.chain().get(0).getNotAfter().toInstant().minus(Duration.ofDays(10));

        GatewayCertificates.ServerIdentity renewed = certificates(nearTheEnd).ensure(tls, LOCAL_HOSTS);

        assertThat(renewed.chain().get(1)).isEqualTo(first.chain().get(1));
        assertThat(renewed.chain().get(0).getNotAfter()).isAfter(first.chain().get(0).getNotAfter());
        assertChainsToTruststore(renewed.chain(), renewed.files().truststore(), nearTheEnd);
    }

    @Test
    void replacesAnUnreadableCaAndItsTruststore()
            throws Exception
    {
        Path tls = data.resolve("tls");
        GatewayCertificates.ServerIdentity first = certificates(NOW).ensure(tls, LOCAL_HOSTS);
        Files.writeString(first.files().caCertificate(), "not a certificate");

        GatewayCertificates.ServerIdentity second = certificates(NOW).ensure(tls, LOCAL_HOSTS);

        assertThat(second.chain().get(1)).isNotEqualTo(first.chain().get(1));
        assertChainsToTruststore(second.chain(), second.files().truststore(), NOW);
    }

    private static GatewayCertificates certificates(Instant now)
    {
        return new GatewayCertificates(Clock.fixed(now, ZoneOffset.UTC));
    }

    /** What a Java client does with {@code javax.net.ssl.trustStore}: validate the chain against the store's CA. */
    private static void assertChainsToTruststore(List<X509Certificate> chain, Path truststore, Instant at)
            throws Exception
    {
        KeyStore store = KeyStore.getInstance(GatewayTls.TRUSTSTORE_TYPE);
        try (InputStream in = Files.newInputStream(truststore)) {
            store.load(in, GatewayTls.TRUSTSTORE_PASSWORD.toCharArray());
        }
        PKIXParameters parameters = new PKIXParameters(store);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), parameters);
    }
}
