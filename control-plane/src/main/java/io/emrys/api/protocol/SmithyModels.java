package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.net.URL;
import java.util.List;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.loader.ModelAssembler;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;

/**
 * Loads Smithy models (JSON AST or IDL) from URLs. The AWS models we serve ship in {@code /models/} on the
 * classpath, copied unchanged from the AWS API models (Apache-2.0, see LICENSE and NOTICE beside them).
 */
public final class SmithyModels
{
    /** The EMR Serverless service shape in {@code models/emr-serverless-2021-07-13.json}. */
    public static final ShapeId EMR_SERVERLESS = ShapeId.from("com.amazonaws.emrserverless#AwsToledoWebService");

    private static final String EMR_SERVERLESS_RESOURCE = "/models/emr-serverless-2021-07-13.json";
    private static final String SESSIONS_RESOURCE = "/models/emr-serverless-sessions.smithy";
    private static final String NAMESPACE = "com.amazonaws.emrserverless";
    private static final List<String> SESSION_OPERATIONS = List.of(
            "StartSession", "GetSession", "ListSessions", "TerminateSession", "GetSessionEndpoint", "GetResourceDashboard");

    // the trait definitions smithy-aws-traits ships (its META-INF/smithy/manifest); imported by name so that
    // discovery does not also pull in every other model on the classpath
    private static final List<String> AWS_TRAIT_DEFINITIONS = List.of(
            "META-INF/smithy/aws.api.smithy",
            "META-INF/smithy/aws.auth.smithy",
            "META-INF/smithy/aws.customizations.smithy",
            "META-INF/smithy/aws.protocols.smithy");

    private SmithyModels() {}

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

    /** The EMR Serverless model of 2021-07-13 as published by AWS. */
    public static Model emrServerless()
    {
        return load(List.of(resource(EMR_SERVERLESS_RESOURCE)));
    }

    /**
     * The EMR Serverless model with the interactive-session operations and members that AWS added after
     * 2021-07-13's April-2025 snapshot ({@code emr-serverless-sessions.smithy}, written by Emrys from the
     * contract). A Smithy file cannot add operations to a service or members to a structure defined in another
     * file, so those two edits are made here on the assembled model.
     */
    public static Model emrServerlessWithSessions()
    {
        Model assembled = load(List.of(resource(EMR_SERVERLESS_RESOURCE), resource(SESSIONS_RESOURCE)));
        ServiceShape.Builder service = assembled.expectShape(EMR_SERVERLESS, ServiceShape.class).toBuilder();
        SESSION_OPERATIONS.forEach(operation -> service.addOperation(ShapeId.fromParts(NAMESPACE, operation)));
        ShapeId interactive = ShapeId.fromParts(NAMESPACE, "InteractiveConfiguration");
        StructureShape interactiveConfiguration = assembled.expectShape(interactive, StructureShape.class).toBuilder()
                .addMember(MemberShape.builder().id(interactive.withMember("sessionEnabled")).target("smithy.api#Boolean").build())
                .build();
        return assembled.toBuilder().addShape(service.build()).addShape(interactiveConfiguration).build();
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
