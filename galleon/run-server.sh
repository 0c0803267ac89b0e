#!/usr/bin/env bash
# Starts the server provisioned by `mvn install` (galleon/target/server) in the foreground.
# Extra arguments go to standalone.sh, e.g.:
#   galleon/run-server.sh -b 127.0.0.1 -Djboss.socket.binding.port-offset=100
# JBOSS_HOME may point to another provisioned server.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export JBOSS_HOME="${JBOSS_HOME:-$here/target/server}"
if [ ! -x "$JBOSS_HOME/bin/standalone.sh" ]; then
    echo "No server at $JBOSS_HOME: build it first with 'mvn -DskipTests install' (from the project root)." >&2
    exit 1
fi
exec "$JBOSS_HOME/bin/standalone.sh" "$@"
