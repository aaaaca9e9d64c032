package io.emrys.bench;

import io.emrys.common.Caller;
import io.emrys.iam.AccessDecisions;
import io.emrys.iam.policy.Decision;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What authorizing each object-store request costs: sequential GETs and PUTs of small objects on loopback against an
 * in-process server, signed by the root key (allowed without a policy evaluation) and by an IAM user whose policy must
 * be evaluated for each request, interleaved in rounds so that both see the same machine. Prints percentiles in
 * microseconds. Not part of {@code bench/run} (that one starts Spark); run it on its own:
 * {@code java -cp <bench classpath> io.emrys.bench.ObjectStoreAccessBench [requests] [objectBytes]}.
 */
public final class ObjectStoreAccessBench
{
    private static final String BUCKET = "bench-bucket";
    private static final int ROUNDS = 4;
    private static final int DECISIONS = 200_000;

    private ObjectStoreAccessBench() {}

    public static void main(String[] args)
    {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int objectBytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        byte[] body = new byte[objectBytes];
        Arrays.fill(body, (byte) 'x');
        try (TestingEmrys emrys = new TestingEmrys(TestingClock.followingSystemTime());
                IamClient iam = IamClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(emrys.credentials())
                        .httpClient(ApacheHttpClient.create()).build()) {
            iam.createUser(request -> request.userName("bench-user"));
            // a realistic policy: two statements, a prefix condition, the object rights on the bucket's keys
            iam.putUserPolicy(request -> request.userName("bench-user").policyName("data").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bench-bucket/data/*"},
                      {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bench-bucket","Condition":{"StringLike":{"s3:prefix":"data/*"}}}]}"""));
            AccessKey key = iam.createAccessKey(request -> request.userName("bench-user")).accessKey();
            AwsCredentialsProvider user = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
            try (S3Client root = s3(emrys, emrys.credentials()); S3Client member = s3(emrys, user)) {
                root.createBucket(request -> request.bucket(BUCKET));
                Samples rootPut = new Samples();
                Samples rootGet = new Samples();
                Samples userPut = new Samples();
                Samples userGet = new Samples();
                // warm-up: JIT, connection pools, the policy cache
                run(root, body, 300, new Samples(), new Samples());
                run(member, body, 300, new Samples(), new Samples());
                for (int round = 0; round < ROUNDS; round++) {
                    run(root, body, requests / ROUNDS, rootPut, rootGet);
                    run(member, body, requests / ROUNDS, userPut, userGet);
                }
                System.out.printf(Locale.ROOT, "object store, %d sequential requests each, %d-byte objects, loopback, microseconds%n", requests, objectBytes);
                System.out.println("| request | identity | p50 | p90 | p99 |");
                System.out.println("|---|---|---|---|---|");
                print("PUT", "root", rootPut);
                print("PUT", "IAM user", userPut);
                print("GET", "root", rootGet);
                print("GET", "IAM user", userGet);
            }
            // the decision alone, as the store makes it for a GET: what the policy evaluation adds to each request
            Caller rootCaller = emrys.server().accessKeys().root().caller();
            Caller userCaller = emrys.server().accessKeys().find(key.accessKeyId()).orElseThrow().caller();
            AccessDecisions decisions = emrys.server().iam().decisions();
            for (Caller caller : List.of(rootCaller, userCaller, rootCaller, userCaller)) {
                long start = System.nanoTime();
                int allowed = 0;
                for (int i = 0; i < DECISIONS; i++) {
                    String resource = "arn:aws:s3:::bench-bucket/data/object-" + (i % 200);
                    if (decisions.decide(caller, "s3:GetObject", resource, keys -> keys.sourceIp("127.0.0.1").secureTransport(false)) == Decision.ALLOW) {
                        allowed++;
                    }
                }
                long perDecision = (System.nanoTime() - start) / DECISIONS;
                System.out.printf(Locale.ROOT, "decide(s3:GetObject) for %s: %d ns per decision (%d of %d allowed)%n",
                        caller == rootCaller ? "root" : "IAM user", perDecision, allowed, DECISIONS);
            }
        }
    }

    private static void run(S3Client client, byte[] body, int count, Samples puts, Samples gets)
    {
        for (int i = 0; i < count; i++) {
            String key = "data/object-" + (i % 200);
            long start = System.nanoTime();
            client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
            long put = System.nanoTime();
            client.getObjectAsBytes(request -> request.bucket(BUCKET).key(key));
            long get = System.nanoTime();
            puts.add(put - start);
            gets.add(get - put);
        }
    }

    private static S3Client s3(TestingEmrys emrys, AwsCredentialsProvider credentials)
    {
        return S3Client.builder().endpointOverride(emrys.server().objectStoreEndpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(ApacheHttpClient.create()).build();
    }

    private static void print(String request, String identity, Samples samples)
    {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d |%n", request, identity, samples.percentile(50), samples.percentile(90), samples.percentile(99));
    }

    private static final class Samples
    {
        private final List<Long> nanos = new ArrayList<>();

        void add(long value)
        {
            nanos.add(value);
        }

        long percentile(int percent)
        {
            List<Long> sorted = nanos.stream().sorted().toList();
            int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1000;
        }
    }
}
