# Every dependency is a Debian package; nothing is downloaded at build time.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3 REQUIRED)

pkg_check_modules(LIBUV REQUIRED IMPORTED_TARGET libuv)
add_library(larder::uv ALIAS PkgConfig::LIBUV)

add_library(larder_tls_backend INTERFACE)
if(LARDER_TLS_OPENSSL)
  find_package(OpenSSL 3 REQUIRED)
  target_link_libraries(larder_tls_backend INTERFACE OpenSSL::SSL OpenSSL::Crypto)
  target_compile_definitions(larder_tls_backend INTERFACE LARDER_TLS_BACKEND_OPENSSL=1)
else()
  # Debian's android-libboringssl-dev: headers in /usr/include/android, libraries in
  # /usr/lib/<multiarch>/android. CMAKE_LIBRARY_ARCHITECTURE gives the multiarch triple.
  find_path(BORINGSSL_INCLUDE_DIR openssl/ssl.h PATHS /usr/include/android NO_DEFAULT_PATH REQUIRED)
  find_library(BORINGSSL_SSL ssl
               PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/android NO_DEFAULT_PATH REQUIRED)
  find_library(BORINGSSL_CRYPTO crypto
               PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/android NO_DEFAULT_PATH REQUIRED)
  target_include_directories(larder_tls_backend SYSTEM INTERFACE ${BORINGSSL_INCLUDE_DIR})
  target_link_libraries(larder_tls_backend INTERFACE ${BORINGSSL_SSL} ${BORINGSSL_CRYPTO})
  get_filename_component(BORINGSSL_LIBDIR ${BORINGSSL_SSL} DIRECTORY)
  target_link_options(larder_tls_backend INTERFACE "LINKER:-rpath,${BORINGSSL_LIBDIR}")
  target_compile_definitions(larder_tls_backend INTERFACE LARDER_TLS_BACKEND_BORINGSSL=1)
endif()
add_library(larder::tls ALIAS larder_tls_backend)

find_library(TCMALLOC_LIB NAMES tcmalloc_minimal tcmalloc REQUIRED)
add_library(larder_tcmalloc INTERFACE)
target_link_libraries(larder_tcmalloc INTERFACE ${TCMALLOC_LIB})
add_library(larder::tcmalloc ALIAS larder_tcmalloc)

if(LARDER_TESTS)
  find_package(GTest REQUIRED)
endif()
