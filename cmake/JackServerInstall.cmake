# SPDX-License-Identifier: GPL-2.0-or-later
# Where `cmake --install` puts everything: GNUInstallDirs for the usual
# places, systemd's and bash-completion's pkg-config for theirs. Every
# directory is relative to the install prefix, so `cmake --install build
# --prefix /tmp/root` never writes outside it; each can be overridden in the
# cache (-DJACK_SERVER_SYSTEMD_SYSTEM_UNIT_DIR=...).

include(CMakePackageConfigHelpers)

set(JACK_SERVER_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
include(JackServerInstallDirs)

# --- The daemon and its manuals --------------------------------------------

install(TARGETS jack-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Manuals go in gzipped, as man-db reads them and Debian's policy wants them.
find_program(JACK_SERVER_GZIP gzip REQUIRED)
function(jack_server_install_gzipped source destination)
  get_filename_component(name ${source} NAME)
  set(gzipped ${PROJECT_BINARY_DIR}/gz/${name}.gz)
  add_custom_command(OUTPUT ${gzipped}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/gz
    COMMAND ${JACK_SERVER_GZIP} -9nc ${source} > ${gzipped}
    DEPENDS ${source} VERBATIM)
  string(MAKE_C_IDENTIFIER ${name} target)
  add_custom_target(gzip_${target} ALL DEPENDS ${gzipped})
  install(FILES ${gzipped} DESTINATION ${destination})
endfunction()
jack_server_install_gzipped(${PROJECT_SOURCE_DIR}/man/jack-server.1 ${CMAKE_INSTALL_MANDIR}/man1)
if(EXISTS ${PROJECT_SOURCE_DIR}/man/jack-server.toml.5)
  jack_server_install_gzipped(${PROJECT_SOURCE_DIR}/man/jack-server.toml.5
                              ${CMAKE_INSTALL_MANDIR}/man5)
endif()

# The package's copyright and changelog, where Debian looks for them.
set(JACK_SERVER_PACKAGE_CONTACT "jack-server packagers <packagers@example.org>" CACHE STRING
    "Maintainer of the .deb: name <address>")
configure_file(${JACK_SERVER_PACKAGING_DIR}/deb/changelog.in ${PROJECT_BINARY_DIR}/deb/changelog @ONLY)
jack_server_install_gzipped(${PROJECT_BINARY_DIR}/deb/changelog ${CMAKE_INSTALL_DOCDIR})
install(FILES ${JACK_SERVER_PACKAGING_DIR}/deb/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

include(JackServerInstallUnits)

# --- Shell completions ------------------------------------------------------

# bash-completion loads a file named after the command on first use.
install(FILES ${JACK_SERVER_PACKAGING_DIR}/completions/jack-server.bash
        DESTINATION ${JACK_SERVER_BASH_COMPLETION_DIR} RENAME jack-server)
install(FILES ${JACK_SERVER_PACKAGING_DIR}/completions/_jack-server
        DESTINATION ${JACK_SERVER_ZSH_COMPLETION_DIR})
install(FILES ${JACK_SERVER_PACKAGING_DIR}/completions/jack-server.fish
        DESTINATION ${JACK_SERVER_FISH_COMPLETION_DIR})

# --- Example configuration and files for /etc -------------------------------

foreach(examples_dir ${PROJECT_SOURCE_DIR}/examples ${JACK_SERVER_PACKAGING_DIR}/examples)
  if(IS_DIRECTORY ${examples_dir})
    install(DIRECTORY ${examples_dir}/ DESTINATION ${JACK_SERVER_EXAMPLES_DIR})
  endif()
endforeach()
# Files under packaging/etc/ go to /etc as they are (conffiles in the .deb).
file(GLOB_RECURSE JACK_SERVER_ETC_FILES RELATIVE ${JACK_SERVER_PACKAGING_DIR}/etc
     ${JACK_SERVER_PACKAGING_DIR}/etc/*)
if(JACK_SERVER_ETC_FILES)
  install(DIRECTORY ${JACK_SERVER_PACKAGING_DIR}/etc/ DESTINATION ${CMAKE_INSTALL_SYSCONFDIR})
endif()

# --- The library: headers, shared object, CMake package, pkg-config ---------

install(TARGETS jack_server EXPORT jack_server_targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/include/jack_server
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/lib/include/jack_server/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/jack_server)
install(EXPORT jack_server_targets NAMESPACE jack_server::
        FILE jack_server-targets.cmake DESTINATION ${JACK_SERVER_CMAKE_DIR})
configure_package_config_file(${JACK_SERVER_PACKAGING_DIR}/cmake/jack_server-config.cmake.in
                              ${PROJECT_BINARY_DIR}/jack_server-config.cmake
                              INSTALL_DESTINATION ${JACK_SERVER_CMAKE_DIR})
# Before 1.0 a minor version may break the API: only the same minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/jack_server-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/jack_server-config.cmake
              ${PROJECT_BINARY_DIR}/jack_server-config-version.cmake
        DESTINATION ${JACK_SERVER_CMAKE_DIR})
# Relative to where the .pc file lands, so any --prefix given at install time works.
file(RELATIVE_PATH JACK_SERVER_PC_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" JACK_SERVER_PC_PREFIX "${JACK_SERVER_PC_PREFIX}")
configure_file(${JACK_SERVER_PACKAGING_DIR}/jack-server.pc.in
               ${PROJECT_BINARY_DIR}/jack-server.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/jack-server.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
