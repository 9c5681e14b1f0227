#!/bin/sh
# Sets up a fresh Debian 12 machine for Larder (run as root from the repository root).
#   ./scripts/setup.sh run    install what the daemon needs, build it, run it in the foreground
#   ./scripts/setup.sh test   install everything, build, run every test (also under ASan+UBSan)
set -eu
cd "$(dirname "$0")/.."
mode=${1:-}
jobs=$(nproc)

build_packages="build-essential cmake pkg-config libuv1-dev android-libboringssl-dev \
  libgoogle-perftools-dev nlohmann-json3-dev"
test_packages="libgtest-dev libbenchmark-dev clang redis-server redis-tools memcached \
  libmemcached-tools python3 python3-matplotlib python3-redis python3-pymemcache python3-pytest netcat-openbsd nutcracker"

install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

case "$mode" in
run)
    install $build_packages
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLARDER_TESTS=OFF
    cmake --build build -j "$jobs" --target larder-server
    exec ./build/larder-server
    ;;
test)
    install $build_packages $test_packages
    # Debian starts the packaged servers; tests start their own on free ports, so stop them
    # where a service manager is running (harmless where none is).
    (systemctl disable --now redis-server memcached nutcracker >/dev/null 2>&1) || true
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build build -j "$jobs"
    ctest --test-dir build --output-on-failure -j "$jobs"
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DLARDER_SANITIZE=ON
    cmake --build build-asan -j "$jobs"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$jobs"
    # Coverage-guided fuzzing of the protocol parsers (clang's libFuzzer), 30 s per target.
    CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug \
        -DLARDER_SANITIZE=ON -DLARDER_FUZZ=ON
    cmake --build build-fuzz -j "$jobs" --target fuzzers
    ctest --test-dir build-fuzz --output-on-failure -j "$jobs" -L fuzz-long
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
