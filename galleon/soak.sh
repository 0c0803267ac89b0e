#!/usr/bin/env bash
# A soak of the README's server: the click-to-call sample bridges calls from one sipp to another (the callee on
# 127.0.0.1:5070, as the sample's default target), at a steady rate, for minutes; each minute the server's heap is
# measured after a full GC. Figures, not assertions (docs/operations.md, "Soak"). The server is warmed first.
#
#   galleon/soak.sh [calls/s, 150] [minutes, 10] [call hold in ms, 1000]
#
# It starts the server itself (galleon/target/server, ports 5060 and 8080 free) and stops it at the end.
set -euo pipefail
rate="${1:-150}"; minutes="${2:-10}"; hold="${3:-1000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="${JBOSS_HOME:-$here/target/server}"
work="$(mktemp -d /tmp/sip-soak.XXXXXX)"
calls=$((rate * minutes * 60))

export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/server.pid"
"$home/bin/standalone.sh" >"$work/server.out" 2>&1 &
trap 'kill "$(cat "$work/server.pid" 2>/dev/null)" 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true' EXIT
until grep -q WFLYSRV0025 "$work/server.out"; do
    grep -q WFLYSRV0026 "$work/server.out" && { echo "server started with errors: $work/server.out" >&2; exit 1; }
    sleep 1
done
pid="$(cat "$work/server.pid")"

heap_after_gc() {
    jcmd "$pid" GC.run >/dev/null
    jcmd "$pid" GC.heap_info | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/\2/p' | head -n 1
}

(cd "$work" && exec sipp -sn uas -i 127.0.0.1 -p 5070 -nostdin -trace_stat -stf callee.csv >/dev/null 2>&1) &
callee=$!
sleep 1
# a just-started JVM runs interpreted code: warm it (1000 calls at 50/s, not counted) before the steady rate
(cd "$work" && sipp -sn uac -i 127.0.0.1 -p 5091 -s service -r 50 -d 0 -m 1000 -nostdin -timeout 120s 127.0.0.1:5060 >warm-up.out 2>&1) || true
(cd "$work" && sipp -sn uac -i 127.0.0.1 -p 5090 -s service -r "$rate" -d "$hold" -m "$calls" -nostdin -timeout "$((minutes * 60 + 120))s" \
    -trace_stat -stf caller.csv -fd 10 -trace_err -error_file errors.log 127.0.0.1:5060 >/dev/null 2>&1) &
caller=$!

column() { # the value of a column in the last line of a sipp statistics file
    awk -F';' -v name="$2" 'NR==1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print $c }' "$1" 2>/dev/null
}

printf '%-7s %12s %8s %16s\n' minute successful failed "heap after GC"
printf '%-7s %12s %8s %13s KB\n' 0 0 0 "$(heap_after_gc)"
for minute in $(seq 1 "$minutes"); do
    sleep 60
    printf '%-7s %12s %8s %13s KB\n' "$minute" "$(column "$work/caller.csv" 'SuccessfulCall(C)')" "$(column "$work/caller.csv" 'FailedCall(C)')" "$(heap_after_gc)"
done
wait "$caller" || true
sleep 5
printf 'end     %12s %8s %13s KB   (%d calls offered at %d/s, held %d ms; files in %s)\n' "$(column "$work/caller.csv" 'SuccessfulCall(C)')" \
    "$(column "$work/caller.csv" 'FailedCall(C)')" "$(heap_after_gc)" "$calls" "$rate" "$hold" "$work"
kill "$callee" 2>/dev/null || true
