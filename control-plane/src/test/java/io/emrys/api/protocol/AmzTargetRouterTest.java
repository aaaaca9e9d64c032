package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

@Timeout(30)
class AmzTargetRouterTest
{
    private static final ShapeId SERVICE = ShapeId.from("io.emrys.test.awsjson#ElasticMapReduce");
    private static final Model MODEL = SmithyModels.load(List.of(Objects.requireNonNull(
            AmzTargetRouterTest.class.getClassLoader().getResource("protocol/aws-json-1-1-sample.smithy"))));
    private final AmzTargetRouter router = new AmzTargetRouter(MODEL, SERVICE);

    @Test
    void routesServiceNameDotOperationName()
    {
        assertThat(operation("POST", "/", "ElasticMapReduce.RunJobFlow")).contains("RunJobFlow");
        assertThat(operation("POST", "/", "ElasticMapReduce.ListClusters")).contains("ListClusters");
        assertThat(operation("POST", "/", " ElasticMapReduce.DescribeCluster ")).contains("DescribeCluster");
    }

    @Test
    void findsNothingForOtherServicesUnknownOperationsOrOtherCase()
    {
        assertThat(operation("POST", "/", "AwsToledoWebService.RunJobFlow")).isEmpty();
        assertThat(operation("POST", "/", "ElasticMapReduce.TerminateJobFlows")).isEmpty();
        assertThat(operation("POST", "/", "elasticmapreduce.runjobflow")).isEmpty();
        assertThat(operation("POST", "/", "RunJobFlow")).isEmpty();
    }

    @Test
    void findsNothingWithoutTheHeaderOrOffThePostToRoot()
    {
        assertThat(router.route("POST", "/", Optional.empty())).isEmpty();
        assertThat(operation("GET", "/", "ElasticMapReduce.ListClusters")).isEmpty();
        assertThat(operation("POST", "/clusters", "ElasticMapReduce.ListClusters")).isEmpty();
    }

    private Optional<String> operation(String method, String path, String target)
    {
        return router.route(method, path, Optional.of(target)).map(operation -> operation.getId().getName());
    }
}
