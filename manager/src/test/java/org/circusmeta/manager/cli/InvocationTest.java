package org.circusmeta.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationTest {
    private static Invocation parse(String... args) {
        return Invocation.parse(List.of(args), Map.of());
    }

    @Test
    void readsOptionsAnywhereBeforeTheDoubleDash() {
        Invocation inv = parse("--json", "incr", "web", "--node=web-01", "3", "--manager", "http://10.0.0.5:8080/");
        assertThat(inv.command()).isEqualTo(Subcommand.INCR);
        assertThat(inv.positional()).containsExactly("web", "3");
        assertThat(inv.option("--node")).contains("web-01");
        assertThat(inv.json()).isTrue();
        assertThat(inv.manager()).isEqualTo("http://10.0.0.5:8080");
    }

    @Test
    void takesTheManagerAndTokenFromTheEnvironmentUnlessGiven() {
        Map<String, String> env = Map.of("CIRCUSMETA_MANAGER", "http://m:9090", "CIRCUSMETA_TOKEN", "s3cret");
        Invocation fromEnv = Invocation.parse(List.of("nodes"), env);
        assertThat(fromEnv.manager()).isEqualTo("http://m:9090");
        assertThat(fromEnv.token()).contains("s3cret");
        Invocation given = Invocation.parse(List.of("nodes", "--token", "other", "--manager", "https://n"), env);
        assertThat(given.manager()).isEqualTo("https://n");
        assertThat(given.token()).contains("other");
        assertThat(parse("nodes").manager()).isEqualTo("http://127.0.0.1:8080");
        assertThat(parse("nodes").token()).isEmpty();
    }

    @Test
    void addKeepsTheProgramsOwnOptionsAsArgs() {
        Invocation inv = parse("add", "web", "python3", "-m", "http.server", "--bind", "127.0.0.1", "--node", "n1",
                "--constraint", "zone=eu", "--constraint", "disk=ssd");
        assertThat(inv.positional()).containsExactly("web", "python3", "-m", "http.server", "--bind", "127.0.0.1");
        assertThat(inv.option("--node")).contains("n1");
        assertThat(inv.all("--constraint")).containsExactly("zone=eu", "disk=ssd");
        assertThat(parse("add", "w", "sh", "--", "--node", "x").positional()).containsExactly("w", "sh", "--node", "x");
    }

    @Test
    void execTakesSeveralNodesOrAll() {
        assertThat(parse("exec", "list", "--node", "a", "--node", "b").all("--node")).containsExactly("a", "b");
        assertThat(parse("exec", "list", "--all").option("--all")).isPresent();
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("--help").subcommand()).isEmpty();
        assertThat(parse("rm", "-h").subcommand()).contains(Subcommand.RM);
    }

    @Test
    void refusesWhatItCannotRunNamingTheSubcommand() {
        assertUsage(List.of(), Optional.empty(), "no subcommand given");
        assertUsage(List.of("launch"), Optional.empty(), "unknown subcommand 'launch'");
        assertUsage(List.of("rm"), Optional.of(Subcommand.RM), "missing NAME");
        assertUsage(List.of("rename", "a"), Optional.of(Subcommand.RENAME), "missing NEW");
        assertUsage(List.of("nodes", "extra"), Optional.of(Subcommand.NODES), "unexpected argument 'extra'");
        assertUsage(List.of("status", "--node"), Optional.of(Subcommand.STATUS), "--node needs a value");
        assertUsage(List.of("status", "--node", "a", "--node", "b"), Optional.of(Subcommand.STATUS), "--node is given twice");
        assertUsage(List.of("list", "--all"), Optional.of(Subcommand.LIST), "unknown option --all");
        assertUsage(List.of("nodes", "--json=yes"), Optional.of(Subcommand.NODES), "--json takes no value");
        assertUsage(List.of("nodes", "--manager", "ftp://x"), Optional.of(Subcommand.NODES), "not an http:// or https:// URL");
    }

    private static void assertUsage(List<String> args, Optional<Subcommand> sub, String message) {
        assertThatThrownBy(() -> Invocation.parse(args, Map.of()))
                .isInstanceOfSatisfying(UsageException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.help()).isEqualTo(sub.map(Subcommand::help).orElseGet(Help::general));
                });
    }
}
