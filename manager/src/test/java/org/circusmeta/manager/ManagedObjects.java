package org.circusmeta.manager;

import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

/** Finds a component the application manages, to read what it bound (ports chosen for port 0). Stateless. */
final class ManagedObjects {
    private ManagedObjects() {}

    static <T> T find(DropwizardAppExtension<ManagerConfiguration> app, Class<T> type) {
        return app.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance)
                .map(m -> ((JettyManaged) m).getManaged())
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the application manages no " + type.getSimpleName()));
    }
}
