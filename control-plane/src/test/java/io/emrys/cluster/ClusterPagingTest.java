package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.common.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ListClusters' Marker paging (50 a page, newest first) and the ids AWS forms, without starting a cluster. */
class ClusterPagingTest
{
    private record Listed(String id, Instant created) {}

    @Test
    void markersWalkEveryClusterNewestFirstFiftyAPage()
    {
        ClusterIds ids = new ClusterIds(new SplittableRandom(7));
        List<Listed> clusters = IntStream.range(0, 120).mapToObj(i -> new Listed(ids.cluster(), Instant.ofEpochSecond(1_000 + i / 3))).toList();
        List<Listed> sorted = clusters.stream().sorted(Comparator.comparing(cluster -> Page.newestFirstKey(cluster.created(), cluster.id()))).toList();

        List<Integer> sizes = new ArrayList<>();
        List<Listed> walked = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            Page<Listed> page = ClusterService.pageOf(sorted, cluster -> Page.newestFirstKey(cluster.created(), cluster.id()), marker);
            sizes.add(page.items().size());
            walked.addAll(page.items());
            marker = page.nextToken();
        }
        while (marker.isPresent());

        assertThat(sizes).containsExactly(50, 50, 20);
        assertThat(walked).isEqualTo(sorted).hasSize(120);
        assertThat(walked.get(0).created()).isEqualTo(Instant.ofEpochSecond(1_039));
    }

    @Test
    void idsAreFormedAsAwsFormsThem()
    {
        ClusterIds ids = new ClusterIds(new SplittableRandom(1));

        assertThat(ids.cluster()).matches("j-[0-9A-Z]{13}");
        assertThat(ids.step()).matches("s-[0-9A-Z]{13}");
        assertThat(ids.instanceGroup()).matches("ig-[0-9A-Z]{13}");
        assertThat(ids.instance()).matches("ci-[0-9A-Z]{13}");
        assertThat(ids.ec2Instance()).matches("i-[0-9a-f]{17}");
    }
}
