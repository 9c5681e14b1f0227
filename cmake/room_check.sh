#!/bin/sh
# Fails when a room includes what its arrows do not allow (see docs/architecture.md):
#   store/, protocols/    nothing of ours (protocols/ not store/, store/ not protocols/), no
#                         libuv, no TLS headers
#   src/base/             nothing of ours outside src/base/
#   src/config/           src/base/ and protocols/ (redis.conf lines split as RESP inline
#                         commands do)
#   src/server/           never src/net/ or src/app/, no libuv, no TLS headers
#   src/net/              of src/server/ only the seam (src/server/service.h); never src/config/,
#                         src/app/ or store/; of protocols/ only protocols/common/
#   src/app/              src/net/, src/config/ and src/base/ only (main.cc wires the rest)
#   TLS headers           only in src/net/tls_transport.cc
# Usage: room_check.sh [ROOT]   (prints each violation; exit 1 if any)
root=${1:-.}
cd "$root" || exit 2
bad=0
inc='#include[[:space:]]*[<"]'

# forbid DIR PATTERN: no include under DIR may match PATTERN (an ERE on the include line).
forbid() {
    [ -d "$1" ] || return 0
    if grep -rnE "$inc($2)" "$1"; then bad=1; fi
}

forbid store 'src/|uv\.h|openssl/|protocols/'
forbid protocols 'src/|uv\.h|openssl/|store/'
forbid src/base 'src/(config|net|server|app)/|store/|protocols/|uv\.h|openssl/'
forbid src/config 'src/(net|server|app)/|store/|uv\.h|openssl/'
forbid src/server 'src/(net|app)/|uv\.h|openssl/'
forbid src/app 'src/server/|store/|protocols/|openssl/'
forbid src/net 'src/(config|app)/|store/|protocols/(resp|memcache)/'
if [ -d src/net ] && grep -rnE '#include[[:space:]]*"src/server/' src/net | grep -v '"src/server/service\.h"'; then
    bad=1
fi
if grep -rnE "${inc}openssl/" src | grep -v '^src/net/tls_transport\.cc:'; then bad=1; fi

[ $bad -eq 0 ] && echo "rooms ok"
exit $bad
