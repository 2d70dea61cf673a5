package org.circusmeta.manager.prometheus;

import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.reconcile.ClusterRecords;

/**
 * {@code GET /metrics/prometheus} on the admin port: every Dropwizard metric through the Prometheus
 * client's bridge, and the cluster's labelled gauges ({@link ClusterCollector}), in the Prometheus text
 * format. Each application has a registry of its own, not the client's static default one.
 */
public final class PrometheusMetrics {
    public static final String PATH = "/metrics/prometheus";

    private PrometheusMetrics() {}

    public static void register(Environment environment, NodeConnections connections, Supplier<ClusterStats> stats,
            ClusterRecords records) {
        CollectorRegistry registry = new CollectorRegistry();
        new DropwizardExports(environment.metrics()).register(registry);
        Supplier<SortedMap<String, ClusterRecords.Stored>> current = records::current;
        new ClusterCollector(connections::summaries, stats, current).register(registry);
        environment.admin().addServlet("prometheus", new MetricsServlet(registry)).addMapping(PATH);
    }
}
