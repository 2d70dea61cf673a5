/**
 * What the command lines of {@code circusmeta-register} and {@code circusmeta-node} share, written
 * once on picocli: {@link org.circusmeta.registration.cli.RegistrationFlags}, the flags that say how a
 * node registers ({@code --name}, {@code --label k=v}, {@code --capacity}, ...), with the converters
 * that check each value; and {@link org.circusmeta.registration.cli.CommandLines}, which reads a
 * command line the same way for both: {@code --help} exits 0, a usage error exits 2 with the reason
 * and the help on stderr.
 */
package org.circusmeta.registration.cli;
