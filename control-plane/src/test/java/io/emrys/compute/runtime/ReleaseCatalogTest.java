package io.emrys.compute.runtime;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseCatalogTest
{
    /**
     * AWS's Spark version for every label, transcribed separately from the catalog file off the pages each row cites
     * (EMR Serverless release pages; the EMR release guide's Spark release history where AWS has no Serverless page).
     */
    private static final Map<String, String> AWS_SPARK = new LinkedHashMap<>();

    static {
        AWS_SPARK.put("emr-6.6.0", "3.2.0");
        AWS_SPARK.put("emr-6.7.0", "3.2.1");
        AWS_SPARK.put("emr-6.8.0", "3.3.0");
        AWS_SPARK.put("emr-6.9.0", "3.3.0");
        AWS_SPARK.put("emr-6.10.0", "3.3.1");
        AWS_SPARK.put("emr-6.11.0", "3.3.2");
        AWS_SPARK.put("emr-6.12.0", "3.4.0");
        AWS_SPARK.put("emr-6.13.0", "3.4.1");
        AWS_SPARK.put("emr-6.14.0", "3.4.1");
        AWS_SPARK.put("emr-6.15.0", "3.4.1");
        AWS_SPARK.put("emr-7.0.0", "3.5.0");
        AWS_SPARK.put("emr-7.1.0", "3.5.0");
        AWS_SPARK.put("emr-7.2.0", "3.5.1");
        AWS_SPARK.put("emr-7.3.0", "3.5.1");
        AWS_SPARK.put("emr-7.4.0", "3.5.2");
        AWS_SPARK.put("emr-7.5.0", "3.5.2");
        AWS_SPARK.put("emr-7.6.0", "3.5.3");
        AWS_SPARK.put("emr-7.7.0", "3.5.3");
        AWS_SPARK.put("emr-7.8.0", "3.5.4");
        AWS_SPARK.put("emr-7.9.0", "3.5.5");
        AWS_SPARK.put("emr-7.10.0", "3.5.5");
        AWS_SPARK.put("emr-7.11.0", "3.5.6");
        AWS_SPARK.put("emr-7.12.0", "3.5.6");
        AWS_SPARK.put("emr-7.13.0", "3.5.6");
        AWS_SPARK.put("emr-spark-8.0", "4.0.1");
    }

    private final ReleaseCatalog catalog = ReleaseCatalog.load();

    @Test
    void everyLabelFromEmr660ToEmrSpark80MapsToAwsSparkVersionInReleaseOrder()
    {
        Map<String, String> listed = new LinkedHashMap<>();
        catalog.labels().forEach(label -> listed.put(label.label(), label.sparkVersion()));

        assertThat(listed).containsExactlyEntriesOf(AWS_SPARK);
    }

    @Test
    void everyRowCitesAnAwsDocumentationPage()
    {
        assertThat(catalog.labels()).allSatisfy(label -> {
            URI source = URI.create(label.source());
            assertThat(source.getScheme()).isEqualTo("https");
            assertThat(source.getHost()).isIn("docs.aws.amazon.com", "docs.amazonaws.cn");
        });
    }

    @Test
    void theServedLinesAreTheEmr7LabelsAndEmrSpark80()
    {
        assertThat(catalog.labels()).filteredOn(label -> label.line().isPresent()).extracting(ReleaseLabel::label)
                .first().isEqualTo("emr-7.0.0");
        assertThat(catalog.find("emr-6.15.0").orElseThrow().line()).isEmpty();
        assertThat(catalog.find("emr-7.13.0").orElseThrow().line()).contains(SparkLine.SPARK_3_5);
        assertThat(catalog.find("emr-spark-8.0").orElseThrow().line()).contains(SparkLine.SPARK_4_0);
    }

    @Test
    void labelGatedFeaturesComeFromTheCatalog()
    {
        ReleaseLabel emr712 = catalog.find("emr-7.12.0").orElseThrow();
        ReleaseLabel emr713 = catalog.find("emr-7.13.0").orElseThrow();
        assertThat(catalog.supports(emr712, ReleaseFeature.INTERACTIVE_SESSIONS)).isFalse();
        assertThat(catalog.supports(emr713, ReleaseFeature.INTERACTIVE_SESSIONS)).isTrue();
        assertThat(catalog.supports(catalog.find("emr-spark-8.0").orElseThrow(), ReleaseFeature.INTERACTIVE_SESSIONS)).isTrue();
        assertThat(catalog.supports(catalog.find("emr-7.2.0").orElseThrow(), ReleaseFeature.JOB_QUEUING_BY_DEFAULT)).isFalse();
        assertThat(catalog.supports(catalog.find("emr-7.3.0").orElseThrow(), ReleaseFeature.JOB_QUEUING_BY_DEFAULT)).isTrue();
    }

    @Test
    void releaseNumbersOrderNumericallyNotAlphabetically()
    {
        assertThat(catalog.find("emr-7.10.0").orElseThrow().isAtLeast("emr-7.9.0")).isTrue();
        assertThat(catalog.find("emr-6.9.0").orElseThrow().isAtLeast("emr-6.10.0")).isFalse();
        assertThat(catalog.find("emr-spark-8.0").orElseThrow().isAtLeast("emr-7.13.0")).isTrue();
    }

    @Test
    void theNextLabelIsOneMoreRow()
    {
        ReleaseCatalog extended = ReleaseCatalog.parse(List.of(
                "label\tspark\tscala\thadoop\thive\tsource",
                "emr-7.13.0\t3.5.6\t\t\t\thttps://docs.aws.amazon.com/a",
                "emr-7.14.0\t3.5.7\t\t\t\thttps://docs.aws.amazon.com/b",
                "feature\tinteractive-sessions\temr-7.13.0\t\t\thttps://docs.aws.amazon.com/c",
                "feature\tjob-queuing-by-default\temr-7.13.0\t\t\thttps://docs.aws.amazon.com/d"));

        assertThat(extended.find("emr-7.14.0").orElseThrow().sparkVersion()).isEqualTo("3.5.7");
        assertThatThrownBy(() -> ReleaseCatalog.parse(List.of("label\tspark\tscala\thadoop\thive\tsource", "emr-7.13.0\t3.5.6")))
                .hasMessageContaining("line 2");
    }
}
