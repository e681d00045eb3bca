# Build settings as INTERFACE targets that our own targets link; the global
# CMAKE_CXX_FLAGS are left to the user.
add_library(telework_settings INTERFACE)
target_compile_features(telework_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(telework_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${TELEWORK_WERROR}>:-Werror>)

if(TELEWORK_SANITIZE)
  target_compile_options(telework_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(telework_settings INTERFACE -fsanitize=address,undefined)
endif()
