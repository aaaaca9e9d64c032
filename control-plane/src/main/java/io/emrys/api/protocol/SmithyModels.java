package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.net.URL;
import java.util.List;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.loader.ModelAssembler;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Loads Smithy models (JSON AST or IDL) from URLs. The AWS models we serve ship in {@code /models/} on the
 * classpath, copied unchanged from the AWS API models (Apache-2.0, see LICENSE and NOTICE beside them).
 */
public final class SmithyModels
{
    /** The EMR Serverless service shape in {@code models/emr-serverless-2021-07-13.json}. */
    public static final ShapeId EMR_SERVERLESS = ShapeId.from("com.amazonaws.emrserverless#AwsToledoWebService");

    /** IAM's service shape in {@code models/iam-2010-05-08.json} (awsQuery). */
    public static final ShapeId IAM = ShapeId.from("com.amazonaws.iam#AWSIdentityManagementV20100508");

    /** STS's service shape in {@code models/sts-2011-06-15.json} (awsQuery). */
    public static final ShapeId STS = ShapeId.from("com.amazonaws.sts#AWSSecurityTokenServiceV20110615");

    /** The EMR (on EC2) service shape in {@code models/emr-2009-03-31.json} (awsJson1_1). */
    public static final ShapeId EMR = ShapeId.from("com.amazonaws.emr#ElasticMapReduce");

    private static final String EMR_RESOURCE = "/models/emr-2009-03-31.json";
    private static final String EMR_SERVERLESS_RESOURCE = "/models/emr-serverless-2021-07-13.json";
    private static final String IAM_RESOURCE = "/models/iam-2010-05-08.json";
    private static final String STS_RESOURCE = "/models/sts-2011-06-15.json";

    // the trait definitions smithy-aws-traits ships (its META-INF/smithy/manifest); imported by name so that
    // discovery does not also pull in every other model on the classpath
    private static final List<String> AWS_TRAIT_DEFINITIONS = List.of(
            "META-INF/smithy/aws.api.smithy",
            "META-INF/smithy/aws.auth.smithy",
            "META-INF/smithy/aws.customizations.smithy",
            "META-INF/smithy/aws.protocols.smithy");

    private SmithyModels() {}

    /** The name a service's SigV4 signatures carry in their credential scope: its {@code aws.auth#sigv4} trait's. */
    public static String signingName(Model model, ShapeId service)
    {
        return model.expectShape(service).expectTrait(software.amazon.smithy.aws.traits.auth.SigV4Trait.class).getName();
    }

    /** Assembles the given files into one validated model; fails with smithy's own report on any error. */
    public static Model load(List<URL> files)
    {
        requireNonNull(files, "files is null");
        // A fresh assembler each time: the traits found on the classpath (aws, protocol tests) are discovered
        // through the thread's class loader.
        ClassLoader classLoader = SmithyModels.class.getClassLoader();
        ModelAssembler assembler = Model.assembler(classLoader)
                // cfn and endpoint-rules traits describe tooling we do not serve, and their definitions are not
                // on our classpath; every trait the protocol reads (http, aws.protocols, constraints) is resolved
                .putProperty(ModelAssembler.ALLOW_UNKNOWN_TRAITS, true);
        for (String definitions : AWS_TRAIT_DEFINITIONS) {
            URL url = classLoader.getResource(definitions);
            if (url == null) {
                throw new IllegalStateException("smithy-aws-traits is missing from the classpath: " + definitions);
            }
            assembler.addImport(url);
        }
        files.forEach(assembler::addImport);
        return assembler.assemble().unwrap();
    }

    /**
     * The EMR Serverless model of 2021-07-13 as published by AWS in April 2026: all 22 operations, the six
     * interactive-session operations among them.
     */
    public static Model emrServerless()
    {
        return load(List.of(resource(EMR_SERVERLESS_RESOURCE)));
    }

    /** The EMR (on EC2) model of 2009-03-31 as published by AWS in April 2026 (awsJson1_1). */
    public static Model emr()
    {
        return load(List.of(resource(EMR_RESOURCE)));
    }

    /** The IAM model of 2010-05-08 as published by AWS in April 2026 (awsQuery). */
    public static Model iam()
    {
        return load(List.of(resource(IAM_RESOURCE)));
    }

    /** The STS model of 2011-06-15 as published by AWS in April 2026 (awsQuery). */
    public static Model sts()
    {
        return load(List.of(resource(STS_RESOURCE)));
    }

    private static URL resource(String name)
    {
        URL url = SmithyModels.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("Model resource is missing from the classpath: " + name);
        }
        return url;
    }
}
