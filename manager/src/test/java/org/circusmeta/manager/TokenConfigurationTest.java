package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.circusmeta.manager.auth.ApiToken;
import org.circusmeta.manager.core.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth.tokens in config.yml and as -Ddw overrides: named tokens with roles, and bare strings as admin tokens. */
class TokenConfigurationTest {
    private final ConfigurationFactory<ManagerConfiguration> factory = ConfigOverrides.FACTORY.create(
            ManagerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path dir;

    @AfterEach
    void clearOverrides() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("dw.")).forEach(System::clearProperty);
    }

    @Test
    void readsNamedTokensWithRolesAndBareStringsAsAdmin() throws Exception {
        ManagerConfiguration config = build("""
                auth:
                  tokens:
                    - {name: dashboard, token: t-read, role: read}
                    - {name: ci, token: t-operate, role: operate}
                    - bare-secret
                """);
        assertThat(config.getAuth().getTokens()).extracting(ApiToken::getName, ApiToken::getToken, ApiToken::getRole)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dashboard", "t-read", Role.READ),
                        org.assertj.core.groups.Tuple.tuple("ci", "t-operate", Role.OPERATE),
                        org.assertj.core.groups.Tuple.tuple(null, "bare-secret", Role.ADMIN));
    }

    @Test
    void refusesAnUnknownRoleAMissingRoleAndTwiceTheSameToken() {
        assertThatThrownBy(() -> build("auth: {tokens: [{name: a, token: t, role: root}]}"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no role 'root'");
        assertThatThrownBy(() -> build("auth: {tokens: [{name: a, token: t}]}"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be read, operate or admin");
        assertThatThrownBy(() -> build("auth: {tokens: [same, {name: b, token: same, role: read}]}"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("the same token");
    }

    @Test
    void anIndexedOverrideAddsATokenToTheEmptyListOfConfigYml() throws Exception {
        System.setProperty("dw.auth.tokens[0]", "secret");
        ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), ManagerApps.CONFIG);
        assertThat(config.getAuth().getTokens()).extracting(ApiToken::getToken, ApiToken::getRole)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("secret", Role.ADMIN));
    }

    @Test
    void overridesOfANamedTokenMayComeInAnyOrder() throws Exception {
        Map.of("dw.auth.tokens[1].role", "read", "dw.auth.tokens[1].token", "t2", "dw.auth.tokens[1].name", "reader",
                "dw.auth.tokens[0].token", "t1", "dw.auth.tokens[0].role", "operate").forEach(System::setProperty);
        ManagerConfiguration config = factory.build(new FileConfigurationSourceProvider(), ManagerApps.CONFIG);
        assertThat(config.getAuth().getTokens()).extracting(ApiToken::getToken, ApiToken::getRole)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", Role.OPERATE),
                        org.assertj.core.groups.Tuple.tuple("t2", Role.READ));
    }

    private ManagerConfiguration build(String yaml) throws Exception {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, yaml);
        return factory.build(new FileConfigurationSourceProvider(), file.toString());
    }
}
