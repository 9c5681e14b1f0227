#!/usr/bin/env bash
# Stage everything bench/compare needs on an offline machine into .device/ (git-ignored),
# so that the `device` tool can carry it: the peers' binaries unpacked from Debian's .debs
# (apt-get download + dpkg -x, no installation), the built larder-server and larder-bench,
# and every shared library they load that is not glibc itself.
#
#   bench/device/prepare.sh            # uses build/larder-server and build/larder-bench
#   BUILD=/path/to/build bench/device/prepare.sh
#
# Then, on the device machine (repository root; carry: [".device"]):
#   . .device/env.sh && .device/check.sh && bench/compare --scaling --out "$OUT"
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=$ROOT/.device
BUILD=${BUILD:-$ROOT/build}
# The peers and the non-base libraries they (and Larder) load. redis-server's binary ships
# in redis-tools (as redis-check-rdb); redis-server itself is the service wrapper.
PKGS=(redis-server redis-tools memcached libmemcached-tools
      libjemalloc2 liblzf1 libatomic1 libevent-2.1-7 libsasl2-2
      libmemcached11 libmemcachedutil2 libhashkit2 libuv1 libtcmalloc-minimal4)

for f in "$BUILD/larder-server" "$BUILD/larder-bench"; do
  [ -x "$f" ] || { echo "missing $f: build first (cmake --build build)" >&2; exit 2; }
done
for c in apt-get dpkg; do command -v "$c" >/dev/null || { echo "needs $c" >&2; exit 2; }; done

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/debs" "$WORK/root"
chmod 755 "$WORK"; chmod 777 "$WORK/debs"   # apt-get download runs as _apt where it can
(cd "$WORK/debs" && apt-get download "${PKGS[@]}" >/dev/null)
for deb in "$WORK"/debs/*.deb; do dpkg -x "$deb" "$WORK/root"; done

rm -rf "$D"
mkdir -p "$D/bin" "$D/lib"
R=$WORK/root/usr/bin
cp -L "$R/redis-check-rdb" "$D/bin/redis-server"   # redis picks its mode from argv[0]
cp -L "$R/redis-benchmark" "$R/redis-cli" "$WORK/root/usr/bin/memcached" "$R/memcaslap" "$D/bin/"
cp "$BUILD/larder-server" "$BUILD/larder-bench" "$D/bin/"
strip --strip-debug "$D/bin/larder-server" "$D/bin/larder-bench" 2>/dev/null || true

# Libraries: each one a carried binary loads, except glibc's own (the device must have a glibc
# at least as new as this machine's). Prefer the copy unpacked from the .deb.
GLIBC='^(linux-vdso|ld-linux|libc\.so|libm\.so|libpthread|libdl\.so|librt\.so|libresolv|libutil\.so)'
for bin in "$D"/bin/*; do
  ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' | while read -r name path; do
    [[ $name =~ $GLIBC ]] && continue
    [ -e "$D/lib/$name" ] && continue
    from=$(find "$WORK/root" -name "$name" \( -type f -o -type l \) 2>/dev/null | head -n1)
    cp -L "${from:-$path}" "$D/lib/$name"
  done
done

cat > "$D/env.sh" <<'ENV'
# . .device/env.sh : point bench/compare and bench/memory at the carried binaries
_d=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export LARDER_SERVER=$_d/bin/larder-server LARDER_BENCH=$_d/bin/larder-bench
export REDIS_SERVER=$_d/bin/redis-server REDIS_BENCHMARK=$_d/bin/redis-benchmark
export MEMCACHED=$_d/bin/memcached MEMCASLAP=$_d/bin/memcaslap
export LD_LIBRARY_PATH=$_d/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
unset _d
ENV
cat > "$D/check.sh" <<'CHECK'
#!/usr/bin/env bash
# Every carried binary loads and prints its version (run after . .device/env.sh).
set -u
d=$(cd "$(dirname "$0")" && pwd); rc=0
for b in "$d"/bin/*; do
  case $(basename "$b") in
    memcached) v=$("$b" -V 2>&1) ;;
    memcaslap) v=$("$b" -V 2>&1) ;;
    larder-bench) v=$("$b" --help 2>&1 | head -n1) ;;
    *) v=$("$b" --version 2>&1) ;;
  esac
  s=$?; [ $s -eq 0 ] || rc=1
  printf '%-16s %s\n' "$(basename "$b")" "$(echo "$v" | head -n1)"
done
ldd "$d"/bin/* | grep 'not found' && rc=1
command -v python3 >/dev/null || { echo "python3 missing: bench/compare needs it"; rc=1; }
command -v taskset >/dev/null || echo "taskset missing: runs will not be pinned"
exit $rc
CHECK
chmod +x "$D/check.sh"
du -sh "$D"
echo "staged in $D (carry it with the device tool: carry [\".device\"])"
