package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;

@Timeout(30)
class RestJsonRouterTest
{
    private static final Model MODEL = SmithyModels.emrServerless();
    private final RestJsonRouter router = new RestJsonRouter(MODEL, SmithyModels.EMR_SERVERLESS);

    @Test
    void prefersLiteralSegmentsOverLabels()
    {
        // POST /applications/{applicationId}/start must not be read as a job run of an application
        assertThat(operation("POST", "/applications/00f1/start")).contains("StartApplication");
        assertThat(operation("POST", "/applications/00f1/jobruns")).contains("StartJobRun");
        assertThat(operation("GET", "/applications/00f1/jobruns/00f2")).contains("GetJobRun");
    }

    @Test
    void percentDecodesLabelsButKeepsPlusSigns()
    {
        RouteMatch match = router.route("GET", "/tags/arn%3Aaws%3Aemr-serverless%3A%2Fapplications%2Fa+b", Map.of()).orElseThrow();

        assertThat(match.operation().getId().getName()).isEqualTo("ListTagsForResource");
        assertThat(match.labels()).containsEntry("resourceArn", "arn:aws:emr-serverless:/applications/a+b");
    }

    @Test
    void distinguishesOperationsByMethod()
    {
        assertThat(operation("GET", "/applications/00f1")).contains("GetApplication");
        assertThat(operation("PATCH", "/applications/00f1")).contains("UpdateApplication");
        assertThat(operation("DELETE", "/applications/00f1")).contains("DeleteApplication");
    }

    @Test
    void findsNothingForUnknownPathsAndEmptyLabels()
    {
        assertThat(operation("GET", "/no-such-thing")).isEmpty();
        assertThat(operation("GET", "/applications//jobruns")).isEmpty();
        assertThat(operation("PUT", "/applications")).isEmpty();
    }

    @Test
    void decodesRepeatedQueryKeysInOrder()
    {
        Map<String, List<String>> query = RestJsonRouter.parseQuery("states=CREATED&maxResults=10&states=STARTED&flag&k=a%20b+c%2B");

        assertThat(query).containsEntry("states", List.of("CREATED", "STARTED"))
                .containsEntry("maxResults", List.of("10"))
                .containsEntry("flag", List.of(""))
                .containsEntry("k", List.of("a b c+"));
    }

    private Optional<String> operation(String method, String path)
    {
        return router.route(method, path, Map.of()).map(match -> match.operation().getId().getName());
    }
}
