#!/bin/sh
# Proves that cmake/room_check.sh catches each kind of forbidden arrow: on a copy of the tree,
# plants one violating #include at a time and expects the check to fail naming that file, and
# expects the untouched copy to pass.
# Usage: room_check_test.sh ROOT
set -u
root=$(cd "${1:-.}" && pwd)
check="$root/cmake/room_check.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fresh_copy() {
    rm -rf "$work/tree"
    mkdir -p "$work/tree"
    cp -r "$root/src" "$root/store" "$root/protocols" "$work/tree/"
}

# plant FILE INCLUDE: the check must now fail and name FILE.
plant() {
    fresh_copy
    printf '%s\n' "$2" >> "$work/tree/$1"
    out=$(sh "$check" "$work/tree" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] || ! printf '%s' "$out" | grep -q "$1"; then
        echo "NOT CAUGHT: $2 in $1 (rc=$rc)"
        failures=$((failures + 1))
    else
        echo "caught: $2 in $1"
    fi
}

fresh_copy
if ! sh "$check" "$work/tree" >/dev/null; then
    echo "the untouched tree fails the check"
    failures=$((failures + 1))
fi

plant src/server/resp/strings.cc '#include "src/net/connection.h"'
plant src/server/memcache/ops.cc '#include "src/net/transport.h"'
plant src/server/context.cc '#include <uv.h>'
plant src/server/info.cc '#include <openssl/ssl.h>'
plant src/net/connection.cc '#include "src/server/context.h"'
plant src/net/worker.cc '#include "store/store.h"'
plant src/net/worker.cc '#include "src/config/config.h"'
plant src/net/connection.cc '#include "protocols/resp/parser.h"'
plant src/net/tcp_transport.cc '#include <openssl/ssl.h>'
plant src/config/config.cc '#include "src/server/context.h"'
plant src/config/options.cc '#include "store/store.h"'
plant src/base/log.cc '#include "src/config/config.h"'
plant src/app/listeners.cc '#include "src/server/context.h"'
plant store/store.cc '#include "src/base/log.h"'
plant store/shard.cc '#include "protocols/resp/parser.h"'
plant protocols/resp/parser.cc '#include "store/store.h"'
plant protocols/memcache/text_parser.cc '#include <uv.h>'

if [ $failures -ne 0 ]; then
    echo "$failures planted violation(s) not caught"
    exit 1
fi
echo "every planted violation caught"
