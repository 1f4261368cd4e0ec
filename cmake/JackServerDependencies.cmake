# SPDX-License-Identifier: GPL-2.0-or-later
# Finds every dependency as a Debian (or Homebrew) package; nothing is vendored.
# scripts/install-deps installs them on Debian.

find_package(PkgConfig REQUIRED)

# libjackserver has no pkg-config file of its own. Only its headers and the
# library are used: libjack must never be linked too (both export jack_client_open).
pkg_check_modules(JACK REQUIRED jack)
find_path(JACK_CONTROL_INCLUDE_DIR jack/control.h HINTS ${JACK_INCLUDE_DIRS})
find_library(JACKSERVER_LIBRARY NAMES jackserver HINTS ${JACK_LIBRARY_DIRS})
if(NOT JACK_CONTROL_INCLUDE_DIR OR NOT JACKSERVER_LIBRARY)
  message(FATAL_ERROR "libjackserver not found: install libjack-jackd2-dev (scripts/install-deps)")
endif()
add_library(JackServer::jackserver UNKNOWN IMPORTED)
set_target_properties(JackServer::jackserver PROPERTIES
  IMPORTED_LOCATION "${JACKSERVER_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${JACK_CONTROL_INCLUDE_DIR}")

find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json REQUIRED)

set(JACK_SERVER_HAVE_SYSTEMD OFF)
if(JACK_SERVER_WITH_SYSTEMD)
  pkg_check_modules(SYSTEMD IMPORTED_TARGET libsystemd)
  if(SYSTEMD_FOUND)
    set(JACK_SERVER_HAVE_SYSTEMD ON)
  endif()
endif()

# ALSA: headers only (the daemon loads libasound at run time, the test card is
# a plugin libasound loads). Without ALSA no source may include one: every
# ALSA header found on this machine is shadowed by one that stops the
# compiler, so the build proves it uses none.
if(JACK_SERVER_ALSA)
  find_package(ALSA REQUIRED)
else()
  include(JackServerNoAlsa)
endif()

if(JACK_SERVER_TESTS)
  find_package(GTest REQUIRED)
endif()
