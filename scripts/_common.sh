# Sourced by the other scripts: where circusmeta is, which java to run, and where a module's jar is.
# The same scripts serve two layouts, told apart by a lib/ folder beside theirs:
#   - the source tree: the scripts in scripts/, each jar in its module's target/, built the first
#     time it is needed (Java 17 and Maven);
#   - the release archive (circusmeta-VERSION.tar.gz): the scripts in bin/, the jars in lib/, nothing
#     to build (Java 17 only).
# Works from any current directory, and through a symbolic link to the script (/usr/local/bin/...).
CIRCUSMETA_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
if [ -d "$CIRCUSMETA_HOME/lib" ]; then
    CIRCUSMETA_LAYOUT=install
else
    CIRCUSMETA_LAYOUT=source
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$JAVA" >/dev/null 2>&1; then
    echo "circusmeta: no '$JAVA' to run: install Java 17 (e.g. apt-get install openjdk-17-jre-headless)" \
         "or point JAVA_HOME at one" >&2
    exit 1
fi

# ensure_jar MODULE JAR: prints the jar's path; in the source tree, builds it (and what it needs) when
# it is missing.
ensure_jar() {
    if [ "$CIRCUSMETA_LAYOUT" = install ]; then
        local installed="$CIRCUSMETA_HOME/lib/$2"
        if [ ! -f "$installed" ]; then
            echo "circusmeta: $installed is missing: this install is incomplete; unpack the release archive again" >&2
            exit 1
        fi
        printf '%s' "$installed"
        return
    fi
    local jar="$CIRCUSMETA_HOME/$1/target/$2"
    if [ ! -f "$jar" ]; then
        echo "circusmeta: building $2 (first run only; needs Java 17 and Maven)..." >&2
        # Maven 3.8 prints bare colour resets even in batch mode: strip them.
        if ! (set -o pipefail; cd "$CIRCUSMETA_HOME" \
                && mvn -B -q -ntp -DskipTests -Denforcer.skip=true -pl "$1" -am package 2>&1 \
                | sed 's/\x1b\[[0-9;]*m//g') >&2; then
            echo "circusmeta: the build of $2 failed; run 'mvn -B verify' in $CIRCUSMETA_HOME to see why" >&2
            exit 1
        fi
    fi
    printf '%s' "$jar"
}
