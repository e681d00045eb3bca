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
# Every shared C++ library costs each run its loading and symbol binding
# (a one-file validate is a few milliseconds in all), so toml++ and yaml-cpp
# are linked into the binary; fmt stays shared (header-only fmt would cost
# every one of the many files including it seconds of compiling).

# toml++ compiled once, in the mode its documentation gives for that:
# TOML_HEADER_ONLY=0 in every file, and src/toml_implementation.cpp defining
# TOML_IMPLEMENTATION (libtomlplusplus-dev's headers; not libtomlplusplus.so).
find_path(TELEWORK_TOML_INCLUDE_DIR toml++/toml.h REQUIRED)
add_library(telework_toml INTERFACE)
target_include_directories(telework_toml SYSTEM INTERFACE "${TELEWORK_TOML_INCLUDE_DIR}")
target_compile_definitions(telework_toml INTERFACE TOML_HEADER_ONLY=0)

# yaml-cpp from its static archive, which libyaml-cpp-dev ships; the shared
# library where there is none.
if(TARGET yaml-cpp::yaml-cpp)
  set(yaml_cpp_target yaml-cpp::yaml-cpp)
else()
  set(yaml_cpp_target yaml-cpp)
endif()
find_library(TELEWORK_YAML_ARCHIVE NAMES libyaml-cpp.a)
add_library(telework_yaml INTERFACE)
if(TELEWORK_YAML_ARCHIVE)
  target_include_directories(telework_yaml SYSTEM INTERFACE
    $<TARGET_PROPERTY:${yaml_cpp_target},INTERFACE_INCLUDE_DIRECTORIES>)
  target_link_libraries(telework_yaml INTERFACE "${TELEWORK_YAML_ARCHIVE}")
else()
  target_link_libraries(telework_yaml INTERFACE ${yaml_cpp_target})
endif()

if(TELEWORK_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
