# Shell completions and the Debian package
# (issue 15). Included from the top-level CMakeLists.txt after the
# binary's own install rule.

# TELEWORK_COMPLETIONS is an option of the top-level CMakeLists.txt.

# The completions are written by the built binary itself, from the same
# command table and CLI11 options it parses with, so they cannot drift from
# the program. A cross build cannot run its binary: it goes without them.
if(TELEWORK_COMPLETIONS AND CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
  message(STATUS "telework: cross compiling without an emulator; no shell completions")
  set(TELEWORK_COMPLETIONS OFF)
endif()
if(TELEWORK_COMPLETIONS)
  set(completion_dir "${PROJECT_BINARY_DIR}/completions")
  set(completion_files "")
  foreach(shell_and_file IN ITEMS "bash|telework" "zsh|_telework" "fish|telework.fish")
    string(REPLACE "|" ";" parts "${shell_and_file}")
    list(GET parts 0 shell)
    list(GET parts 1 file)
    add_custom_command(OUTPUT "${completion_dir}/${file}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${completion_dir}"
      COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:telework> completion ${shell} -o "${completion_dir}/${file}"
      DEPENDS telework
      COMMENT "Writing the ${shell} completion"
      VERBATIM)
    list(APPEND completion_files "${completion_dir}/${file}")
  endforeach()
  add_custom_target(telework_completions ALL DEPENDS ${completion_files})
  install(FILES "${completion_dir}/telework"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")
  install(FILES "${completion_dir}/_telework"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
  install(FILES "${completion_dir}/telework.fish"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d")
endif()

# Debian package: `cpack -G DEB` in the build directory gives
# telework_<version>_amd64.deb with everything `cmake --install` installs
# (into /usr). The library dependencies come from dpkg-shlibdeps (dpkg-dev),
# so they name exactly the packages of the libraries the binary links.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME telework)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "telework")
set(CPACK_PACKAGE_CONTACT "telework maintainers <telework@example.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://git.example.org/telework")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "check telework agreement records kept as YAML against policy rules")
set(CPACK_PACKAGE_DESCRIPTION
  "telework checks telework agreements kept as YAML records in a git repository,\n"
  "one agreement per file, against the record format and a written policy: the\n"
  "federal OPM guidance, Connecticut's DAS General Letter 32, or an agency's own\n"
  "policy written as a profile file. It decides eligibility, lists agreements\n"
  "expired or due for renewal, and reports figures for oversight bodies.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, git, man-db")
include(CPack)
