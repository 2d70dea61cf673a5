package org.circusmeta.manager.core;

/** The use cases an apply is made of: adding, scaling and removing cluster watchers. */
record WatcherUseCases(WatcherAdds adds, WatcherScales scales, WatcherRemovals removals) {}
