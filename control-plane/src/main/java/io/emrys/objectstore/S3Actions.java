package io.emrys.objectstore;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which permissions an S3 REST request needs, with the action names and resource ARNs AWS S3 uses for identity-based
 * policies (the "Actions, resources, and condition keys for Amazon S3" reference): GetObject on {@code bucket/key} for
 * GET and HEAD of an object, ListBucket (with {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys}) on the
 * bucket for listings and HEAD of a bucket, ListAllMyBuckets on {@code *}, every step of a multipart upload but abort and
 * list-parts as PutObject, a copy as GetObject on the source and PutObject on the target.
 *
 * <p>A request shape this table does not know needs {@code s3:UnknownOperation}, which no policy grants unless it
 * allows {@code s3:*}: the store fails closed rather than guessing. DeleteObjects (POST {@code ?delete}) names its keys
 * in the body, so its DeleteObject checks are made per key when S3Proxy deletes them ({@link #multiObjectDelete}).
 */
final class S3Actions
{
    static final String UNKNOWN = "s3:UnknownOperation";
    /** The headers that set an ACL while writing: as in S3, they need the ACL permission besides the write's own. */
    static final List<String> ACL_HEADERS = List.of("x-amz-acl", "x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp",
            "x-amz-grant-full-control");

    private S3Actions() {}

    static List<S3Permission> required(ObjectStoreRequest request)
    {
        if (request.bucket().isEmpty()) {
            return List.of(request.method().equals("GET") ? new S3Permission("s3:ListAllMyBuckets", "*", Map.of()) : unknown("*"));
        }
        String bucket = request.bucket().get();
        if (request.key().isEmpty()) {
            if (multiObjectDelete(request)) {
                return List.of();
            }
            S3Permission permission = bucketLevel(request, bucket);
            // a canned ACL could make the new bucket public, which anonymous callers then read and write
            return permission.action().equals("s3:CreateBucket") && setsAcl(request)
                    ? List.of(permission, S3Permission.onBucket("s3:PutBucketAcl", bucket)) : List.of(permission);
        }
        return objectLevel(request, bucket, request.key().get());
    }

    /** POST {@code /bucket?delete}: one DeleteObject (or DeleteObjectVersion) per key, checked as S3Proxy removes them. */
    static boolean multiObjectDelete(ObjectStoreRequest request)
    {
        return request.method().equals("POST") && request.key().isEmpty() && request.hasQuery("delete");
    }

    static S3Permission delete(String bucket, String key, Optional<String> versionId)
    {
        return S3Permission.onObject(versionId.isPresent() ? "s3:DeleteObjectVersion" : "s3:DeleteObject", bucket, key);
    }

    private static S3Permission bucketLevel(ObjectStoreRequest request, String bucket)
    {
        String action = switch (request.method()) {
            case "GET" -> bucketRead(request);
            case "HEAD" -> "s3:ListBucket";
            case "PUT" -> bucketWrite(request);
            case "DELETE" -> bucketDelete(request);
            default -> UNKNOWN;
        };
        if (action.equals("s3:ListBucket")) {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String name : List.of("prefix", "delimiter", "max-keys")) {
                Optional.ofNullable(request.query().get(name)).ifPresent(value -> keys.put("s3:" + name, value));
            }
            return new S3Permission(action, "arn:aws:s3:::" + bucket, keys);
        }
        return S3Permission.onBucket(action, bucket);
    }

    private static String bucketRead(ObjectStoreRequest request)
    {
        if (request.hasQuery("uploads")) {
            return "s3:ListBucketMultipartUploads";
        }
        if (request.hasQuery("versions")) {
            return "s3:ListBucketVersions";
        }
        if (request.hasQuery("acl")) {
            return "s3:GetBucketAcl";
        }
        if (request.hasQuery("location")) {
            return "s3:GetBucketLocation";
        }
        if (request.hasQuery("versioning")) {
            return "s3:GetBucketVersioning";
        }
        if (request.hasQuery("encryption")) {
            return "s3:GetEncryptionConfiguration";
        }
        if (request.hasQuery("cors")) {
            return "s3:GetBucketCORS";
        }
        if (request.hasQuery("policy")) {
            return "s3:GetBucketPolicy";
        }
        if (request.hasQuery("tagging")) {
            return "s3:GetBucketTagging";
        }
        if (request.hasQuery("object-lock")) {
            return "s3:GetBucketObjectLockConfiguration";
        }
        if (request.hasQuery("lifecycle")) {
            return "s3:GetLifecycleConfiguration";
        }
        return hasOtherSubresource(request, "list-type", "prefix", "delimiter", "max-keys", "marker", "continuation-token", "start-after",
                "encoding-type", "fetch-owner", "x-id") ? UNKNOWN : "s3:ListBucket";
    }

    private static String bucketWrite(ObjectStoreRequest request)
    {
        if (request.hasQuery("acl")) {
            return "s3:PutBucketAcl";
        }
        if (request.hasQuery("versioning")) {
            return "s3:PutBucketVersioning";
        }
        if (request.hasQuery("encryption")) {
            return "s3:PutEncryptionConfiguration";
        }
        if (request.hasQuery("cors")) {
            return "s3:PutBucketCORS";
        }
        if (request.hasQuery("policy")) {
            return "s3:PutBucketPolicy";
        }
        if (request.hasQuery("tagging")) {
            return "s3:PutBucketTagging";
        }
        if (request.hasQuery("lifecycle")) {
            return "s3:PutLifecycleConfiguration";
        }
        return hasOtherSubresource(request, "x-id") ? UNKNOWN : "s3:CreateBucket";
    }

    private static String bucketDelete(ObjectStoreRequest request)
    {
        if (request.hasQuery("encryption")) {
            return "s3:PutEncryptionConfiguration";
        }
        if (request.hasQuery("cors")) {
            return "s3:PutBucketCORS";
        }
        if (request.hasQuery("policy")) {
            return "s3:DeleteBucketPolicy";
        }
        if (request.hasQuery("tagging")) {
            return "s3:PutBucketTagging";
        }
        if (request.hasQuery("lifecycle")) {
            return "s3:PutLifecycleConfiguration";
        }
        return hasOtherSubresource(request, "x-id") ? UNKNOWN : "s3:DeleteBucket";
    }

    private static List<S3Permission> objectLevel(ObjectStoreRequest request, String bucket, String key)
    {
        Optional<String> versionId = Optional.ofNullable(request.query().get("versionId"));
        List<S3Permission> required = new ArrayList<>();
        switch (request.method()) {
            case "GET" -> required.add(S3Permission.onObject(objectRead(request, versionId), bucket, key));
            case "HEAD" -> required.add(S3Permission.onObject(versionId.isPresent() ? "s3:GetObjectVersion" : "s3:GetObject", bucket, key));
            case "PUT" -> {
                if (request.hasQuery("acl")) {
                    required.add(S3Permission.onObject(versionId.isPresent() ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl", bucket, key));
                }
                else if (request.hasQuery("tagging")) {
                    required.add(S3Permission.onObject(versionId.isPresent() ? "s3:PutObjectVersionTagging" : "s3:PutObjectTagging", bucket, key));
                }
                else {
                    // PutObject, UploadPart, CopyObject and UploadPartCopy all write the target with s3:PutObject
                    required.add(S3Permission.onObject("s3:PutObject", bucket, key));
                    request.header("x-amz-copy-source").ifPresent(source -> required.add(copySource(source)));
                    aclOnWrite(request, bucket, key, required);
                }
            }
            case "POST" -> {
                if (request.hasQuery("uploads") || request.hasQuery("uploadId")) {
                    // CreateMultipartUpload and CompleteMultipartUpload
                    required.add(S3Permission.onObject("s3:PutObject", bucket, key));
                    aclOnWrite(request, bucket, key, required);
                }
                else if (request.hasQuery("restore")) {
                    required.add(S3Permission.onObject("s3:RestoreObject", bucket, key));
                }
                else if (request.hasQuery("select")) {
                    required.add(S3Permission.onObject("s3:GetObject", bucket, key));
                }
                else {
                    required.add(unknown("arn:aws:s3:::" + bucket + "/" + key));
                }
            }
            case "DELETE" -> {
                if (request.hasQuery("uploadId")) {
                    required.add(S3Permission.onObject("s3:AbortMultipartUpload", bucket, key));
                }
                else if (request.hasQuery("tagging")) {
                    required.add(S3Permission.onObject(versionId.isPresent() ? "s3:DeleteObjectVersionTagging" : "s3:DeleteObjectTagging", bucket, key));
                }
                else {
                    required.add(delete(bucket, key, versionId));
                }
            }
            default -> required.add(unknown("arn:aws:s3:::" + bucket + "/" + key));
        }
        return required;
    }

    private static String objectRead(ObjectStoreRequest request, Optional<String> versionId)
    {
        if (request.hasQuery("uploadId")) {
            return "s3:ListMultipartUploadParts";
        }
        if (request.hasQuery("acl")) {
            return versionId.isPresent() ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl";
        }
        if (request.hasQuery("tagging")) {
            return versionId.isPresent() ? "s3:GetObjectVersionTagging" : "s3:GetObjectTagging";
        }
        if (request.hasQuery("attributes")) {
            return versionId.isPresent() ? "s3:GetObjectVersionAttributes" : "s3:GetObjectAttributes";
        }
        return versionId.isPresent() ? "s3:GetObjectVersion" : "s3:GetObject";
    }

    /** {@code x-amz-copy-source: /bucket/key?versionId=...}, percent-encoded, the leading slash optional. */
    private static S3Permission copySource(String header)
    {
        String source = header;
        Optional<String> versionId = Optional.empty();
        int question = source.indexOf('?');
        if (question >= 0) {
            String parameters = source.substring(question + 1);
            source = source.substring(0, question);
            for (String pair : parameters.split("&")) {
                if (pair.startsWith("versionId=")) {
                    versionId = Optional.of(pair.substring("versionId=".length()));
                }
            }
        }
        source = URLDecoder.decode(source, StandardCharsets.UTF_8);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            // S3Proxy refuses a malformed source; this makes sure it is not read for a caller who may not read it
            return unknown("arn:aws:s3:::" + source);
        }
        return S3Permission.onObject(versionId.isPresent() ? "s3:GetObjectVersion" : "s3:GetObject", source.substring(0, slash), source.substring(slash + 1));
    }

    private static void aclOnWrite(ObjectStoreRequest request, String bucket, String key, List<S3Permission> required)
    {
        // an object written public-read is readable by anyone who reaches the store, so the ACL needs its own right
        if (setsAcl(request)) {
            required.add(S3Permission.onObject("s3:PutObjectAcl", bucket, key));
        }
    }

    private static boolean setsAcl(ObjectStoreRequest request)
    {
        return ACL_HEADERS.stream().anyMatch(name -> request.header(name).isPresent());
    }

    private static boolean hasOtherSubresource(ObjectStoreRequest request, String... known)
    {
        List<String> allowed = List.of(known);
        return request.query().keySet().stream().anyMatch(name -> !allowed.contains(name) && !name.startsWith("X-Amz-") && !name.equals("AWSAccessKeyId")
                && !name.equals("Signature") && !name.equals("Expires"));
    }

    private static S3Permission unknown(String resource)
    {
        return new S3Permission(UNKNOWN, resource, Map.of());
    }
}
