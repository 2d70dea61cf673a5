/**
 * {@code circusmeta}, the command line of the manager's API ({@code scripts/circusmeta}, README "The
 * CLI"), built on the typed client of the enclosing package. picocli reads the command line from
 * programmatic specs ({@link org.circusmeta.client.cli.Subcommand}, {@link org.circusmeta.client.cli.CliOption})
 * and writes every {@code --help}; {@link org.circusmeta.client.cli.Session} gives a subcommand its
 * arguments, the client, and the API's JSON as it came for {@code --json}.
 *
 * <p><b>Adding a subcommand</b> (say {@code cordon NODE}): a constant in {@code Subcommand} (its synopsis,
 * arguments, options and description: picocli makes its help from them), a new {@code CliOption} if it
 * takes an option no other has, one line in {@code CircusmetaCli.dispatch} naming the method that runs
 * it, and that method: read the arguments from the session, make the client's call with
 * {@code session.call(ApiCall.cordon(...))}, print a table unless {@code session.json()}, return an exit
 * status from {@code Exits} (a refusal or an unreachable manager is already taken care of). Its unit test
 * goes in CommandLineTest, its run against a real manager in the manager's CliIT.
 *
 * <p>Start-up time is this CLI's budget (docs/benchmarks.md, "CLI start-up"): no picocli annotations,
 * no databind {@code ObjectMapper}, no {@code String.format}, no lambdas where a loop does as well on
 * the path of every run.
 */
package org.circusmeta.client.cli;
