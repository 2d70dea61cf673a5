/**
 * The benchmarks. {@link org.circusmeta.bench.Bench} runs suites by name; each {@link
 * org.circusmeta.bench.BenchSuite} measures its figures side by side with their limit or peer in the
 * same run and adds rows to a {@link org.circusmeta.bench.BenchReport}, which prints a table and
 * rewrites that suite's section of {@code docs/benchmarks.md}.
 */
package org.circusmeta.bench;
