package org.circusmeta.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.circusmeta.api.InstancesValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command line as picocli reads it with this CLI's subcommands and options; no manager is asked. */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);

    private Session parse(Map<String, String> env, String... args) {
        ParseResult parsed = CircusmetaCli.commandLine(List.of(Subcommand.values())).parseArgs(args);
        return Session.of(parsed, parsed.subcommand(), env, terminal);
    }

    private Session parse(String... args) {
        return parse(Map.of(), args);
    }

    @Test
    void readsOptionsAnywhereBeforeTheDoubleDash() {
        Session s = parse("--json", "incr", "web", "--node=web-01", "3", "--manager", "http://10.0.0.5:8080/");
        assertThat(s.command()).isEqualTo(Subcommand.INCR);
        assertThat(s.argument("NAME")).contains("web");
        assertThat(s.argument("K")).contains("3");
        assertThat(s.option(CliOption.NODE)).contains("web-01");
        assertThat(s.json()).isTrue();
        assertThat(s.client().base()).isEqualTo("http://10.0.0.5:8080");
    }

    @Test
    void takesTheManagerAndTokenFromTheEnvironmentUnlessGiven() {
        Map<String, String> env = Map.of("CIRCUSMETA_MANAGER", "http://m:9090", "CIRCUSMETA_TOKEN", "s3cret");
        assertThat(parse(env, "nodes").client().base()).isEqualTo("http://m:9090");
        assertThat(parse(env, "nodes", "--manager", "https://n").client().base()).isEqualTo("https://n");
        assertThat(parse("nodes").client().base()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void addKeepsTheProgramsOwnOptionsAsArgs() {
        Session s = parse("add", "web", "python3", "-m", "http.server", "--bind", "127.0.0.1", "--node", "n1",
                "--constraint", "zone=eu", "--constraint", "disk=ssd");
        assertThat(s.argument("NAME")).contains("web");
        assertThat(s.argument("CMD")).contains("python3");
        assertThat(s.arguments("ARGS")).containsExactly("-m", "http.server", "--bind", "127.0.0.1");
        assertThat(s.option(CliOption.PIN)).contains("n1");
        assertThat(s.pairs(CliOption.CONSTRAINT)).containsExactly(Map.entry("zone", "eu"), Map.entry("disk", "ssd"));
        assertThat(parse("add", "w", "sh", "--", "--node", "x").arguments("ARGS")).containsExactly("--node", "x");
    }

    @Test
    void addTakesACountOfCopiesOrAllAndASpread() {
        Session s = parse("add", "web", "python3", "--instances", "3", "--spread", "zone");
        assertThat(s.instances("--instances", s.option(CliOption.INSTANCES).orElseThrow())).isEqualTo(InstancesValue.of(3));
        assertThat(s.option(CliOption.SPREAD)).contains("zone");
        assertThat(s.instances("K", "all")).isEqualTo(InstancesValue.all());
        assertThat(parse("scale", "web", "all").argument("K")).contains("all");
    }

    @Test
    void execTakesSeveralNodesOrAll() {
        assertThat(parse("exec", "list", "--node", "a", "--node", "b").all(CliOption.SEVERAL_NODES)).containsExactly("a", "b");
        assertThat(parse("exec", "list", "--all").flag(CliOption.ALL)).isTrue();
        assertThat(parse("exec", "incr", "name=web", "nb=2").arguments("key=value")).containsExactly("name=web", "nb=2");
    }

    @Test
    void helpNeedsNothingElseAndIsTheSubcommandsOwn() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: circusmeta [--manager URL]")
                .contains("subcommands:", "  exec ", "'circusmeta SUBCOMMAND --help'", "exit status: 0");
        out.reset();
        assertThat(run("rm", "-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: circusmeta rm NAME [--node N]\n")
                .contains("--node=N", "--manager=URL", "exit status: 0").doesNotContain("subcommands:");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "                                    | no subcommand given                       | circusmeta [--manager URL]",
        "launch                              | unknown subcommand 'launch'               | circusmeta [--manager URL]",
        "--verbose nodes                     | unknown option --verbose                  | circusmeta [--manager URL]",
        "rm                                  | missing NAME                              | circusmeta rm NAME",
        "rename a                            | missing NEW                               | circusmeta rename OLD NEW",
        "nodes extra                         | unexpected argument 'extra'               | circusmeta nodes",
        "status --node                       | --node needs a value                      | circusmeta status",
        "status --node a --node b            | --node is given twice                     | circusmeta status",
        "list --all                          | unknown option --all                      | circusmeta list",
        "nodes --json=yes                    | --json takes no value                     | circusmeta nodes",
        "nodes --manager ftp://x             | not an http:// or https:// URL            | circusmeta nodes",
        "--manager http://a nodes --manager http://b | --manager is given twice          | circusmeta nodes",
        "add w sleep --constraint zone       | --constraint takes k=v, got 'zone'        | circusmeta add NAME CMD",
        "add --numprocesses 2 --bogus w sh   | unknown option --bogus                    | circusmeta add NAME CMD",
        "incr web many                       | K must be a whole number of at least 1    | circusmeta incr NAME [K]",
        "add w sh --numprocesses -1          | --numprocesses must be a whole number     | circusmeta add NAME CMD",
        "exec list --all --node a            | give --node N or --all, not both          | circusmeta exec COMMAND",
        "exec set name                       | key=value properties, got 'name'          | circusmeta exec COMMAND",
        "top --count 0                       | --count must be a whole number            | circusmeta top",
        "add w sh --instances none           | --instances must be a whole number of at least 1, or all | circusmeta add NAME",
        "scale web                           | missing K                                 | circusmeta scale NAME K|all",
        "scale web 0                         | K must be a whole number of at least 1, or all | circusmeta scale NAME",
    })
    void refusesWhatItCannotRunWithTheHelpOfTheSubcommand(String args, String message, String usage) {
        int status = run(args == null ? new String[0] : args.split(" "));

        assertThat(status).isEqualTo(2);
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said).startsWith("circusmeta: ").contains(message).contains("\nusage: " + usage);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** Only the subcommand named is built: it must be the one picocli reads, and read the same. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nodes", "--json nodes", "--manager http://m:1 status web", "--manager=http://m:1 --token t list --node a",
        "--manager nodes", "-h", "--json -h rm", "exec numwatchers --node a --all", "bogus nodes", "-- nodes"})
    void findsTheSubcommandAsPicocliDoes(String args) {
        List<String> argv = List.of(args.split(" "));
        List<Subcommand> named = Subcommand.named(CircusmetaCli.subcommandName(argv)).map(List::of)
                .orElse(List.of(Subcommand.values()));

        assertThat(read(named, argv)).isEqualTo(read(List.of(Subcommand.values()), argv));
    }

    /** The subcommand picocli reads in these arguments and what it read, or its error. */
    private static String read(List<Subcommand> built, List<String> args) {
        try {
            ParseResult parsed = CircusmetaCli.commandLine(built).parseArgs(args.toArray(new String[0]));
            ParseResult sub = parsed.subcommand();
            return sub == null ? "(none)" : sub.commandSpec().name() + " " + sub.matchedArgs().stream()
                    .map(a -> a.toString() + "=" + a.getValue()).toList();
        } catch (CommandLine.ParameterException e) {
            return "error: " + e.getMessage();
        }
    }

    private int run(String... args) {
        return CircusmetaCli.run(List.of(args), Map.of(), terminal);
    }

    @Test
    void everySubcommandHasAHelpOfItsOwn() {
        CommandLine all = CircusmetaCli.commandLine(List.of(Subcommand.values()));
        for (Subcommand sub : Subcommand.values()) {
            String help = CircusmetaCli.help(all.getSubcommands().get(sub.commandName()));
            assertThat(help).as(sub.commandName()).startsWith("usage: " + sub.synopsis() + "\n")
                    .contains("options (anywhere before '--'):", "-h, --help", "exit status:");
        }
    }
}
