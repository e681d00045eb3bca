// toml++'s implementation, compiled once here (cmake/Dependencies.cmake):
// every file includes it with TOML_HEADER_ONLY=0, this one also with
// TOML_IMPLEMENTATION, as toml++'s documentation describes.
#define TOML_IMPLEMENTATION
#include "toml_headers.hpp"
