# Every dependency is a Debian package found on the system; nothing is downloaded.
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(PkgConfig REQUIRED)
# SHA-256 for the cache's content keys (nettle-dev): a small C library with
# nothing to initialise (OpenSSL 3's start-up cost a one-file run ~1.5 ms).
pkg_check_modules(nettle REQUIRED IMPORTED_TARGET nettle)
pkg_check_modules(tomlplusplus REQUIRED IMPORTED_TARGET tomlplusplus)

if(TARGET yaml-cpp::yaml-cpp)
  set(TELEWORK_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(TELEWORK_YAML_TARGET yaml-cpp)
endif()

if(TELEWORK_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
