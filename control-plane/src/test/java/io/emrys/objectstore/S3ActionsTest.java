package io.emrys.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ActionsTest
{
    @Test
    void objectReadsAndHeadsAreGetObjectOnTheObjectsArn()
    {
        assertThat(required("GET", "/bucket-a/input/part%2B1.csv", null)).containsExactly(S3Permission.onObject("s3:GetObject", "bucket-a", "input/part+1.csv"));
        assertThat(required("HEAD", "/bucket-a/input/x", null)).containsExactly(S3Permission.onObject("s3:GetObject", "bucket-a", "input/x"));
        assertThat(required("GET", "/bucket-a/input/x", "versionId=3")).containsExactly(S3Permission.onObject("s3:GetObjectVersion", "bucket-a", "input/x"));
    }

    @Test
    void listingsAreListBucketWithThePrefixDelimiterAndMaxKeysAsConditionKeys()
    {
        assertThat(required("GET", "/bucket-a", "list-type=2&prefix=input%2F&delimiter=%2F&max-keys=10")).containsExactly(new S3Permission("s3:ListBucket",
                "arn:aws:s3:::bucket-a", Map.of("s3:prefix", "input/", "s3:delimiter", "/", "s3:max-keys", "10")));
        assertThat(required("HEAD", "/bucket-a", null)).containsExactly(S3Permission.onBucket("s3:ListBucket", "bucket-a"));
        assertThat(required("GET", "/", null)).containsExactly(new S3Permission("s3:ListAllMyBuckets", "*", Map.of()));
    }

    @Test
    void everyMultipartStepButAbortAndListPartsIsPutObject()
    {
        S3Permission put = S3Permission.onObject("s3:PutObject", "b", "k");
        assertThat(required("POST", "/b/k", "uploads")).containsExactly(put);
        assertThat(required("PUT", "/b/k", "partNumber=1&uploadId=u")).containsExactly(put);
        assertThat(required("POST", "/b/k", "uploadId=u")).containsExactly(put);
        assertThat(required("DELETE", "/b/k", "uploadId=u")).containsExactly(S3Permission.onObject("s3:AbortMultipartUpload", "b", "k"));
        assertThat(required("GET", "/b/k", "uploadId=u")).containsExactly(S3Permission.onObject("s3:ListMultipartUploadParts", "b", "k"));
    }

    @Test
    void aCopyNeedsGetObjectOnItsSourceAndPutObjectOnItsTarget()
    {
        ObjectStoreRequest copy = ObjectStoreRequest.of("PUT", "/target/out/copy", null, Map.of("X-Amz-Copy-Source", "/source/in/a%20b.csv?versionId=7"),
                "127.0.0.1");

        assertThat(S3Actions.required(copy)).containsExactly(S3Permission.onObject("s3:PutObject", "target", "out/copy"),
                S3Permission.onObject("s3:GetObjectVersion", "source", "in/a b.csv"));
    }

    @Test
    void writingWithAnAclNeedsTheAclPermissionToo()
    {
        ObjectStoreRequest publicPut = ObjectStoreRequest.of("PUT", "/b/k", null, Map.of("x-amz-acl", "public-read"), "127.0.0.1");
        ObjectStoreRequest publicBucket = ObjectStoreRequest.of("PUT", "/b", null, Map.of("x-amz-grant-read", "uri=http://acs.amazonaws.com/groups/global/AllUsers"),
                "127.0.0.1");

        assertThat(S3Actions.required(publicPut)).containsExactly(S3Permission.onObject("s3:PutObject", "b", "k"), S3Permission.onObject("s3:PutObjectAcl", "b", "k"));
        assertThat(S3Actions.required(publicBucket)).containsExactly(S3Permission.onBucket("s3:CreateBucket", "b"), S3Permission.onBucket("s3:PutBucketAcl", "b"));
    }

    @Test
    void bucketsAreCreatedAndDeletedOnTheBucketsArn()
    {
        assertThat(required("PUT", "/new-bucket", null)).containsExactly(S3Permission.onBucket("s3:CreateBucket", "new-bucket"));
        assertThat(required("DELETE", "/old-bucket", null)).containsExactly(S3Permission.onBucket("s3:DeleteBucket", "old-bucket"));
        assertThat(required("DELETE", "/b/k", null)).containsExactly(S3Permission.onObject("s3:DeleteObject", "b", "k"));
    }

    @Test
    void deleteObjectsIsCheckedPerKeyRatherThanUpFront()
    {
        ObjectStoreRequest delete = ObjectStoreRequest.of("POST", "/b", "delete", Map.of(), "127.0.0.1");

        assertThat(S3Actions.required(delete)).isEmpty();
        assertThat(S3Actions.multiObjectDelete(delete)).isTrue();
    }

    @Test
    void anUnknownRequestShapeNeedsAnActionNoPolicyGrantsByName()
    {
        assertThat(required("PUT", "/b", "website")).extracting(S3Permission::action).containsExactly(S3Actions.UNKNOWN);
        assertThat(required("PATCH", "/b/k", null)).extracting(S3Permission::action).containsExactly(S3Actions.UNKNOWN);
        assertThat(required("POST", "/b/k", null)).extracting(S3Permission::action).containsExactly(S3Actions.UNKNOWN);
    }

    private static List<S3Permission> required(String method, String rawPath, String rawQuery)
    {
        return S3Actions.required(ObjectStoreRequest.of(method, rawPath, rawQuery, Map.of(), "127.0.0.1"));
    }
}
