package org.circusmeta.client.cli;

/** The CLI's exit statuses (README, "The CLI"). */
final class Exits {
    static final int OK = 0;
    /** A targeted node failed, or the manager refused or could not be reached. */
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Exits() {}
}
