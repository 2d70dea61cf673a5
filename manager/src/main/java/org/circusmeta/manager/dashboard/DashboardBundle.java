package org.circusmeta.manager.dashboard;

import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import java.nio.charset.StandardCharsets;

/**
 * The web dashboard, served from the jar beside the API: the page itself at {@code /} (an exact
 * mapping, so that Jersey keeps every other path and {@code /api} stays as it is), its scripts and
 * styles under {@code /ui/}, and the WebJars it uses under {@code /webjars/}.
 *
 * <p>Not thread-safe: run once at start-up.
 */
public final class DashboardBundle implements ConfiguredBundle<Configuration> {
    private static final String PAGE = "/dashboard/";

    private final AssetsBundle files = new AssetsBundle(PAGE, "/ui/", null, "dashboard");
    private final AssetsBundle libraries = new AssetsBundle("/META-INF/resources/webjars/", "/webjars/", null, "webjars");

    @Override
    public void run(Configuration configuration, Environment environment) {
        files.run(configuration, environment);
        libraries.run(configuration, environment);
        // "" is the servlet spec's exact mapping of the context root: only GET / itself.
        environment.servlets().addServlet("dashboard-page", new AssetServlet(PAGE, "/", "index.html", StandardCharsets.UTF_8))
                .addMapping("");
    }
}
