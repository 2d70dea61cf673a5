# Sourced by the other scripts: where the repository is, which java to run, and how to build a
# module's jar the first time it is needed. Works from any current directory.
CIRCUSMETA_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ensure_jar MODULE JAR: prints the jar's path, building it (and what it needs) when it is missing.
ensure_jar() {
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
