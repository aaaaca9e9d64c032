package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy document's JSON into a {@link PolicyDocument}, refusing what IAM refuses. Everything that makes a
 * document invalid is found here, so evaluation never meets a statement it cannot read.
 */
final class PolicyParser
{
    // configured once and only read afterwards, which is how Jackson's mappers are safe to share
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> VERSIONS = Set.of(PolicyDocument.VERSION_2012_10_17, PolicyDocument.VERSION_2008_10_17);
    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");
    static final String SYNTAX_ERRORS = "Syntax errors in policy.";

    private final PolicyType type;

    PolicyParser(PolicyType type)
    {
        this.type = requireNonNull(type, "type is null");
    }

    PolicyDocument parse(String json)
    {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        requireKnownFields(root, DOCUMENT_FIELDS);
        Optional<String> version = Optional.empty();
        JsonNode versionNode = root.get("Version");
        if (versionNode != null) {
            if (!versionNode.isTextual() || !VERSIONS.contains(versionNode.asText())) {
                throw new MalformedPolicyException("The policy failed legacy parsing");
            }
            version = Optional.of(versionNode.asText());
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<JsonNode> statementNodes = new ArrayList<>();
        if (statementNode.isArray() && !statementNode.isEmpty()) {
            statementNode.forEach(statementNodes::add);
        }
        else if (statementNode.isObject()) {
            statementNodes.add(statementNode);
        }
        else {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (JsonNode node : statementNodes) {
            Statement statement = statement(node);
            if (statement.sid().isPresent() && !sids.add(statement.sid().get())) {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
            }
            statements.add(statement);
        }
        return new PolicyDocument(version, statements);
    }

    private Statement statement(JsonNode node)
    {
        if (!node.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        requireKnownFields(node, STATEMENT_FIELDS);
        return new Statement(sid(node.get("Sid")), effect(node.get("Effect")), principal(node), actions(node), resources(node), conditions(node.get("Condition")));
    }

    private Optional<String> sid(JsonNode node)
    {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        String sid = node.asText();
        // IAM holds its own documents to alphanumeric ids; resource policies (S3's, for one) allow more
        if (type != PolicyType.RESOURCE && !sid.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
        }
        return Optional.of(sid);
    }

    private static Effect effect(JsonNode node)
    {
        if (node == null) {
            throw new MalformedPolicyException("Missing required field Effect");
        }
        for (Effect effect : Effect.values()) {
            if (node.isTextual() && effect.jsonName().equals(node.asText())) {
                return effect;
            }
        }
        throw new MalformedPolicyException("Invalid effect: " + node.asText());
    }

    private Optional<PrincipalElement> principal(JsonNode statement)
    {
        JsonNode principal = statement.get("Principal");
        JsonNode notPrincipal = statement.get("NotPrincipal");
        if (principal != null && notPrincipal != null) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        if (type == PolicyType.IDENTITY) {
            if (principal != null || notPrincipal != null) {
                throw new MalformedPolicyException("Policy document should not specify a principal.");
            }
            return Optional.empty();
        }
        if (principal == null && notPrincipal == null) {
            throw new MalformedPolicyException("Missing required field Principal");
        }
        return Optional.of(PrincipalParser.parse(principal != null ? principal : notPrincipal, notPrincipal != null));
    }

    private static ListElement actions(JsonNode statement)
    {
        ListElement actions = listElement(statement, "Action", "NotAction")
                .orElseThrow(() -> new MalformedPolicyException("Policy statement must contain actions."));
        for (String action : actions.patterns()) {
            if (action.equals("*")) {
                continue;
            }
            int colon = action.indexOf(':');
            if (colon < 0) {
                throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
            if (action.indexOf(':', colon + 1) >= 0) {
                throw new MalformedPolicyException("Actions/Condition can contain only one colon.");
            }
            String vendor = action.substring(0, colon);
            if (vendor.isEmpty() || !vendor.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                throw new MalformedPolicyException("Vendor " + vendor + " is not valid");
            }
        }
        return actions;
    }

    private Optional<ListElement> resources(JsonNode statement)
    {
        Optional<ListElement> resources = listElement(statement, "Resource", "NotResource");
        if (type == PolicyType.TRUST) {
            if (resources.isPresent()) {
                throw new MalformedPolicyException("Has prohibited field Resource");
            }
            return resources;
        }
        if (resources.isEmpty()) {
            throw new MalformedPolicyException("Policy statement must contain resources.");
        }
        for (String resource : resources.get().patterns()) {
            if (!resource.equals("*") && !resource.startsWith("arn:")) {
                throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
            }
        }
        return resources;
    }

    /** The element under {@code name} or {@code notName}: a string or a non-empty array of strings. */
    private static Optional<ListElement> listElement(JsonNode statement, String name, String notName)
    {
        JsonNode listed = statement.get(name);
        JsonNode excluded = statement.get(notName);
        if (listed != null && excluded != null) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        if (listed == null && excluded == null) {
            return Optional.empty();
        }
        List<String> patterns = strings(listed != null ? listed : excluded);
        return patterns.isEmpty() ? Optional.empty() : Optional.of(new ListElement(excluded != null, patterns));
    }

    private static List<Condition> conditions(JsonNode node)
    {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> operators = node.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = operators.next();
            ConditionOperator operator = ConditionOperator.parse(entry.getKey())
                    .orElseThrow(() -> new MalformedPolicyException("Invalid Condition type : " + entry.getKey() + "."));
            if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (key.getKey().indexOf(':') <= 0) {
                    throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
                }
                List<String> values = scalars(key.getValue());
                if (values.isEmpty()) {
                    throw new MalformedPolicyException(SYNTAX_ERRORS);
                }
                conditions.add(new Condition(operator, key.getKey(), values));
            }
        }
        return conditions;
    }

    /** A string or an array of strings, as Action, Resource and the principal lists take. */
    static List<String> strings(JsonNode node)
    {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new MalformedPolicyException(SYNTAX_ERRORS);
                }
                values.add(element.asText());
            }
        }
        else {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        return values;
    }

    // condition values may also be JSON booleans and numbers; IAM compares their text
    private static List<String> scalars(JsonNode node)
    {
        List<String> values = new ArrayList<>();
        for (JsonNode element : node.isArray() ? node : List.of(node)) {
            if (!element.isTextual() && !element.isBoolean() && !element.isNumber()) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            values.add(element.asText());
        }
        return values;
    }

    private static void requireKnownFields(JsonNode node, Set<String> known)
    {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!known.contains(names.next())) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
        }
    }
}
