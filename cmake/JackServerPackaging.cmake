# SPDX-License-Identifier: GPL-2.0-or-later
# `make package` (cpack -G DEB) builds jack-server_<version>_<arch>.deb from
# the install rules: the daemon, its library, manuals, units and completions.
#
# Maintainer scripts: none of our own. CPack adds postinst/postrm that run
# ldconfig because the package ships a shared library (see triggers below). debhelper would also
# add `systemctl daemon-reload` for the units; we do not: the units are
# neither enabled nor started by the package (a JACK server belongs to one
# audio setup, chosen by the admin), and `systemctl enable` itself reloads.

find_program(JACK_SERVER_DPKG dpkg)
if(JACK_SERVER_DPKG)
  execute_process(COMMAND ${JACK_SERVER_DPKG} --print-architecture
                  OUTPUT_VARIABLE CPACK_DEBIAN_PACKAGE_ARCHITECTURE
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jack-server)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${JACK_SERVER_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "jackd-compatible JACK server daemon and C++ control library")
set(CPACK_PACKAGE_DESCRIPTION
    "jack-server starts the same JACK server as JACK2's jackd, with the same\n"
    "command line, and adds what services need: readiness, clear errors and\n"
    "exit statuses, config files, units and shell completions. It ships the\n"
    "C++ control library it is built on, for programs that run a JACK server\n"
    "in their own process, and that library as the Python module jack_server.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://jackaudio.org/")
# Shared-library dependencies from dpkg-shlibdeps (dpkg-dev); jackd2 for the
# driver and internal-client plugins libjackserver loads at run time.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "jackd2")
# The bridges of the extra cards (--card): only needed by a rig that has some.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "zita-ajbridge")
# The Python module is for the python3 it was built with; the daemon and
# the C++ library need no Python.
if(JACK_SERVER_PYTHON_VERSION)
  string(REPLACE "." ";" python_version "${JACK_SERVER_PYTHON_VERSION}")
  list(GET python_version 0 python_major)
  list(GET python_version 1 python_minor)
  math(EXPR python_next_minor "${python_minor} + 1")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS
      "python3 (>= ${python_major}.${python_minor}), python3 (<< ${python_major}.${python_next_minor})")
endif()
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# ldconfig runs through dpkg's trigger (what Debian wants); the postinst and
# postrm that CPack adds for a shared library call it too, harmlessly.
file(WRITE ${PROJECT_BINARY_DIR}/debian/triggers "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/debian/triggers)
# Everything under /etc is a conffile, and nothing else.
set(conffiles "")
foreach(file ${JACK_SERVER_ETC_FILES})
  string(APPEND conffiles "/etc/${file}\n")
endforeach()
if(conffiles)
  file(WRITE ${PROJECT_BINARY_DIR}/debian/conffiles "${conffiles}")
  list(APPEND CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/debian/conffiles)
endif()
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/" "/\\\\.git/")

include(CPack)
