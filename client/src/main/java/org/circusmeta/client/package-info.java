/**
 * The typed client of the manager's HTTP API: {@link org.circusmeta.client.ManagerClient} (one method
 * per call, the api module's records in and out, {@link org.circusmeta.client.ManagerRefused} and
 * {@link org.circusmeta.client.ManagerUnreachable} for what went wrong) and
 * {@link org.circusmeta.client.AdminClient} for the admin port. The CLI, the manager's integration
 * tests and the benchmarks all talk to the manager through it.
 *
 * <p>It uses the JDK and jackson-core only at run time (plus databind's tree and annotation classes,
 * never its {@code ObjectMapper}), so that the CLI built on it starts fast: records are read and
 * written by {@code RecordJson} from their own Jackson annotations.
 *
 * <p><b>Adding a call</b> (say {@code POST /api/nodes/{node}/cordon}): its request and answer records go
 * in the api module; here, one factory on {@link org.circusmeta.client.ApiCall} (method, path, body,
 * answer type) and one line on {@code ManagerClient} that returns {@code answer(ApiCall.cordon(...)).value()}.
 * If a record has a kind of field {@code RecordJson} does not read yet, RecordJsonTest says so; teach
 * it there. The CLI's subcommand for it is then a small change in {@code org.circusmeta.client.cli}
 * (see that package).
 */
package org.circusmeta.client;
