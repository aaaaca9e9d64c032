package io.emrys.gateway;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Issues the gateway's certificates with Bouncy Castle's builder (the JDK can sign, but has no public API to build
 * a certificate). Keys are EC P-256 with ECDSA/SHA-256: quick to make, and accepted by Java, BoringSSL (gRPC C core,
 * PySpark) and OpenSSL alike. Signing uses the JDK's own providers; Bouncy Castle is not registered as a provider.
 */
final class CertificateIssuer
{
    static final String KEY_ALGORITHM = "EC";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Under the 825 days that Apple's TLS clients accept, in case a user points a browser-like client at it. */
    static final Duration SERVER_VALIDITY = Duration.ofDays(820);
    /** Back-dates notBefore, so a client whose clock runs a little behind still accepts a fresh certificate. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final SecureRandom random;

    CertificateIssuer(SecureRandom random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    KeyPair newKeyPair()
            throws GeneralSecurityException
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    X509Certificate issueCa(KeyPair ca, Instant now)
            throws GeneralSecurityException
    {
        X500Name name = new X500Name("CN=Emrys Spark Connect gateway CA");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name, serial(), Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(CA_VALIDITY)), name, ca.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        try {
            // pathLen 0: this CA signs server certificates only, never another CA
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(ca.getPublic()));
        }
        catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode CA extensions", e);
        }
        return sign(builder, ca.getPrivate());
    }

    /**
     * @param hostNames DNS names and IP literals the certificate is valid for (its subjectAltName)
     */
    X509Certificate issueServer(KeyPair server, X509Certificate caCertificate, PrivateKey caKey, List<String> hostNames, Instant now)
            throws GeneralSecurityException
    {
        Instant notAfter = now.plus(SERVER_VALIDITY);
        if (notAfter.isAfter(caCertificate.getNotAfter().toInstant())) {
            notAfter = caCertificate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                caCertificate, serial(), Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter),
                new X500Name("CN=Emrys Spark Connect gateway"), server.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        GeneralName[] names = hostNames.stream()
                .map(host -> new GeneralName(HostNames.isIpLiteral(host) ? GeneralName.iPAddress : GeneralName.dNSName, host))
                .toArray(GeneralName[]::new);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(server.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
        }
        catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode server certificate extensions", e);
        }
        return sign(builder, caKey);
    }

    private BigInteger serial()
    {
        // RFC 5280: positive, at most 20 octets; 127 random bits are both
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException
    {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signingKey)));
        }
        catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }
}
