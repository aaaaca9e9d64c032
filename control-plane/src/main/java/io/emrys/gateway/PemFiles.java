package io.emrys.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * PEM files of certificates and PKCS#8 private keys, written atomically (a reader never sees half a file) and, for
 * keys, readable by the owner only. PEM is what Netty, OpenSSL, gRPC's C core (PySpark) and curl all read.
 */
final class PemFiles
{
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private PemFiles() {}

    static void writeCertificates(Path file, List<X509Certificate> certificates)
            throws IOException, GeneralSecurityException
    {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(block(CERTIFICATE, certificate.getEncoded()));
        }
        writeAtomically(file, pem.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    static void writePrivateKey(Path file, PrivateKey key)
            throws IOException
    {
        // JDK keys encode as PKCS#8, the only private key format Netty's PEM reader accepts.
        writeAtomically(file, block(PRIVATE_KEY, key.getEncoded()).getBytes(StandardCharsets.US_ASCII), true);
    }

    static List<X509Certificate> readCertificates(Path file)
            throws IOException, GeneralSecurityException
    {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.Certificate> read = factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
        List<X509Certificate> certificates = new ArrayList<>();
        for (java.security.cert.Certificate certificate : read) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return certificates;
    }

    static PrivateKey readPrivateKey(Path file, String algorithm)
            throws IOException, GeneralSecurityException
    {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + PRIVATE_KEY + "-----";
        String end = "-----END " + PRIVATE_KEY + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("no PKCS#8 private key in " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static void writeAtomically(Path file, byte[] content, boolean ownerOnly)
            throws IOException
    {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(content);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String block(String type, byte[] der)
    {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
