package io.emrys.api.protocol;

import java.util.Map;
import java.util.Optional;

/**
 * The one list of compliance cases we do not run (restJson1, awsJson1_1 and awsQuery), each with the model feature it
 * needs and why the models Emrys serves (EMR Serverless, emr-containers, the EMR API, IAM, STS) never use it. Cases whose
 * {@code appliesTo} is "client" are skipped by the suite runners themselves and are not listed here.
 */
final class ConformanceExclusions
{
    private static final String CUSTOM_ERROR_MEMBERS = "modeled errors with members beyond `message` (@httpHeader, nested "
            + "structures) raised by a handler: EMR Serverless and emr-containers errors carry only `message` (the EMR "
            + "API's also an ErrorCode string, IAM's and STS's only `message`), and handlers raise errors through ErrorCode, so the front door never "
            + "serializes such members";

    private static final String NO_ROUTE = "the operation (AcceptHeaderStarService) has no @http trait and belongs to "
            + "no service, so no restJson1 server can route to it; every EMR operation has @http";

    private static final String CLIENT_REQUEST_WITHOUT_TARGET = "a client-side check (endpoint resolution or "
            + "@requestCompression) written without appliesTo whose request has no X-Amz-Target, so no awsJson1_1 server "
            + "can tell its operation; SDKs always send the header, and no EMR model uses @requestCompression";

    private static final Map<String, String> EXCLUDED = Map.ofEntries(
            Map.entry("AwsJson11ComplexError", CUSTOM_ERROR_MEMBERS),
            // a request case shares this id and runs
            Map.entry("httpResponseTests AwsJson11IntEnums", "the response case (not its request twin) expects X-Amz-Target in the response: "
                    + "a request header that awsJson1_1 never defines for responses, copied from the request case; its "
                    + "sibling AwsJson11Enums expects only Content-Type, and AWS SDKs ignore the header in responses"),
            Map.entry("MachinelearningPredictEndpoint", CLIENT_REQUEST_WITHOUT_TARGET),
            Map.entry("QueryComplexError", CUSTOM_ERROR_MEMBERS),
            Map.entry("QueryEmptyQueryMaps", "a client that leaves an empty map out sends nothing, so a server cannot return "
                    + "the empty map this case expects (a client-side case without appliesTo); neither IAM nor STS has a map input"),
            Map.entry("SDKAppliedContentEncoding_awsQuery", "@requestCompression: the case gives a Content-Encoding but neither "
                    + "Action nor body (it checks a client's compression); neither IAM nor STS uses @requestCompression"),
            Map.entry("SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery", "@requestCompression: as SDKAppliedContentEncoding_awsQuery"),
            Map.entry("SDKAppliedContentEncoding_awsJson1_1", CLIENT_REQUEST_WITHOUT_TARGET),
            Map.entry("SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", CLIENT_REQUEST_WITHOUT_TARGET),
            Map.entry("RestJsonComplexErrorWithNoMessage", CUSTOM_ERROR_MEMBERS),
            Map.entry("RestJsonEmptyComplexErrorWithNoMessage", CUSTOM_ERROR_MEMBERS),
            Map.entry("RestJsonInvalidGreetingError", CUSTOM_ERROR_MEMBERS),
            Map.entry("RestJsonOmitsEmptyListQueryValues", "a client that omits empty @httpQuery lists sends nothing, so a "
                    + "server cannot return the empty lists this case expects (a client-side case without appliesTo); "
                    + "EMR's one query list (ListApplications/ListJobRuns states) treats absent and empty alike"),
            Map.entry("RestJsonEndpointTraitWithHostLabel", "@endpoint(hostPrefix) with @hostLabel: the case is a client "
                    + "host-prefix check whose JSON body has no Content-Type, which RestJsonWithBodyExpectsApplicationJson"
                    + "ContentTypeNoHeaders requires us to reject; no EMR model uses @endpoint"),
            Map.entry("SDKAppliedContentEncoding_restJson1", "@requestCompression: the case gives a Content-Encoding but no "
                    + "body (it checks a client's compression); no EMR model uses @requestCompression"),
            Map.entry("SDKAppendedGzipAfterProvidedEncoding_restJson1", "@requestCompression: as SDKAppliedContentEncoding_restJson1"),
            Map.entry("AcceptHeaderStarRequestTest", NO_ROUTE),
            Map.entry("AcceptHeaderStarStarRequestTest", NO_ROUTE),
            Map.entry("RestJsonHttpEmptyPrefixHeadersRequestServer", "@httpPrefixHeaders(\"\") binds every header, including "
                    + "the User-Agent every real HTTP client adds, so the exact map cannot match; no EMR model uses "
                    + "@httpPrefixHeaders"));

    private ConformanceExclusions() {}

    /** @param kind such as httpResponseTests: a few ids name both a request and a response case */
    static Optional<String> reason(String kind, String testId)
    {
        return Optional.ofNullable(EXCLUDED.get(kind + " " + testId)).or(() -> Optional.ofNullable(EXCLUDED.get(testId)));
    }

    static int size()
    {
        return EXCLUDED.size();
    }
}
