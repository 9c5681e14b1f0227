#!/bin/sh
# Fails when store/ or protocols/ reach into rooms they must not depend on.
root=${1:-.}
cd "$root" || exit 2
bad=0
if grep -rnE '#include\s*[<"](src/|uv\.h|openssl/)' store protocols; then bad=1; fi
if grep -rnE '#include\s*"store/' protocols; then bad=1; fi
if grep -rnE '#include\s*"protocols/' store; then bad=1; fi
[ $bad -eq 0 ] && echo "rooms ok"
exit $bad
