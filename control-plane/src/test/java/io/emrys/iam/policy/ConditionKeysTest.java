package io.emrys.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConditionKeysTest
{
    @Test
    void keyNamesAreCaseInsensitiveAndValuesAreNot()
    {
        ConditionKeys keys = ConditionKeys.builder().username("Alice").resourceTag("CostCenter", "Lab-42").build();

        assertThat(keys.get("AWS:USERNAME")).contains(List.of("Alice"));
        // the whole name is case-insensitive, the tag key inside it included
        assertThat(keys.get("aws:resourcetag/costcenter")).contains(List.of("Lab-42"));
        assertThat(keys.get("aws:userid")).isEmpty();
    }

    @Test
    void buildsTheGlobalKeysFromThePrincipal()
    {
        RequestPrincipal role = RequestPrincipal.aws("arn:aws:sts::123456789012:assumed-role/Deployer/build");
        RequestPrincipal service = RequestPrincipal.service("emr-serverless.amazonaws.com");

        // IAM gives a role session's role, not the session, as aws:PrincipalArn
        assertThat(ConditionKeys.builder().principal(role).build().asMap()).isEqualTo(Map.of(
                "aws:principalarn", List.of("arn:aws:iam::123456789012:role/Deployer"),
                "aws:principalaccount", List.of("123456789012"),
                "aws:principaltype", List.of("AssumedRole")));
        assertThat(ConditionKeys.builder().principal(RequestPrincipal.aws("arn:aws:iam::123456789012:user/alice")).build().get("aws:PrincipalType"))
                .contains(List.of("User"));
        assertThat(ConditionKeys.builder().principal(RequestPrincipal.aws("arn:aws:iam::123456789012:root")).build().get("aws:PrincipalType"))
                .contains(List.of("Account"));
        assertThat(ConditionKeys.builder().principal(service).build().asMap())
                .isEqualTo(Map.of("aws:principalservicename", List.of("emr-serverless.amazonaws.com")));
        assertThat(RequestContext.of(role, "s3:GetObject", "*").keys().get("aws:PrincipalAccount")).contains(List.of("123456789012"));
    }

    @Test
    void requestTagsJoinTheTagKeys()
    {
        ConditionKeys keys = ConditionKeys.builder().requestTag("team", "data").requestTag("owner", "alice").requestTag("team", "ml").build();

        assertThat(keys.get("aws:RequestTag/team")).contains(List.of("ml"));
        assertThat(keys.get("aws:TagKeys")).contains(List.of("team", "owner"));
    }

    @Test
    void buildsTheRemainingGlobalKeys()
    {
        ConditionKeys keys = ConditionKeys.builder()
                .principalTag("dept", "eng")
                .tagKeys(List.of("a", "b"))
                .sourceIp("192.0.2.1")
                .currentTime(Instant.parse("2026-12-03T10:15:30.123Z"))
                .secureTransport(true)
                .userid("AIDAEXAMPLE")
                .passedToService("emr-serverless.amazonaws.com")
                .build();

        assertThat(keys.asMap()).isEqualTo(Map.of(
                "aws:principaltag/dept", List.of("eng"),
                "aws:tagkeys", List.of("a", "b"),
                "aws:sourceip", List.of("192.0.2.1"),
                "aws:currenttime", List.of("2026-12-03T10:15:30.123Z"),
                "aws:epochtime", List.of("1796292930"),
                "aws:securetransport", List.of("true"),
                "aws:userid", List.of("AIDAEXAMPLE"),
                "iam:passedtoservice", List.of("emr-serverless.amazonaws.com")));
    }

    @Test
    void aKeyWithNoValuesIsAbsent()
    {
        ConditionKeys keys = ConditionKeys.builder().tagKeys(List.of("a")).tagKeys(List.of()).build();

        assertThat(keys.get("aws:TagKeys")).isEmpty();
        assertThat(keys).isEqualTo(ConditionKeys.empty());
    }

    @Test
    void principalsTakeTheirAccountFromTheArn()
    {
        assertThat(RequestPrincipal.aws("arn:aws:iam::123456789012:user/alice").accountId()).contains("123456789012");
        assertThat(RequestPrincipal.service("emr-serverless.amazonaws.com").accountId()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> RequestPrincipal.aws("alice")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice");
        assertThatThrownBy(() -> RequestContext.of(RequestPrincipal.service("ec2.amazonaws.com"), "", "*")).isInstanceOf(IllegalArgumentException.class);
    }
}
