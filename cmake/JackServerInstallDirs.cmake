# SPDX-License-Identifier: GPL-2.0-or-later
# The directories of cmake/JackServerInstall.cmake that are not GNUInstallDirs'
# own: systemd units, completions, launchd, examples. Every one is relative to
# the install prefix, so `cmake --install build --prefix /tmp/root` never
# writes outside it; each can be overridden in the cache.

# A directory a pkg-config file gives (/lib/systemd/system,
# /usr/share/bash-completion/completions), made relative to the prefix:
# /usr/ and / are dropped, so prefix /usr gives the same place on a merged-/usr
# system and prefix /usr/local the place beside it that systemd and
# bash-completion also search.
function(jack_server_pkg_dir out module variable fallback)
  set(dir "")
  find_program(JACK_SERVER_PKG_CONFIG NAMES pkg-config)
  if(JACK_SERVER_PKG_CONFIG)
    execute_process(COMMAND ${JACK_SERVER_PKG_CONFIG} --variable=${variable} ${module}
                    OUTPUT_VARIABLE dir OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE status ERROR_QUIET)
    if(NOT status EQUAL 0)
      set(dir "")
    endif()
  endif()
  if(dir STREQUAL "")
    set(dir ${fallback})
  endif()
  string(REGEX REPLACE "^/usr/" "" dir "${dir}")
  string(REGEX REPLACE "^/" "" dir "${dir}")
  set(${out} ${dir} PARENT_SCOPE)
endfunction()

jack_server_pkg_dir(system_unit_dir systemd systemdsystemunitdir lib/systemd/system)
jack_server_pkg_dir(user_unit_dir systemd systemduserunitdir lib/systemd/user)
jack_server_pkg_dir(bash_completion_dir bash-completion completionsdir
                    share/bash-completion/completions)
# Debian's zsh reads vendor-completions; everyone else's reads site-functions.
if(EXISTS /etc/debian_version)
  set(zsh_completion_dir share/zsh/vendor-completions)
else()
  set(zsh_completion_dir share/zsh/site-functions)
endif()

set(JACK_SERVER_SYSTEMD_SYSTEM_UNIT_DIR ${system_unit_dir} CACHE STRING
    "Where systemd system units go, relative to the prefix")
set(JACK_SERVER_SYSTEMD_USER_UNIT_DIR ${user_unit_dir} CACHE STRING
    "Where systemd user units go, relative to the prefix")
set(JACK_SERVER_BASH_COMPLETION_DIR ${bash_completion_dir} CACHE STRING
    "Where bash completions go, relative to the prefix")
set(JACK_SERVER_ZSH_COMPLETION_DIR ${zsh_completion_dir} CACHE STRING
    "Where zsh completions go, relative to the prefix")
set(JACK_SERVER_FISH_COMPLETION_DIR share/fish/vendor_completions.d CACHE STRING
    "Where fish completions go, relative to the prefix")
set(JACK_SERVER_LAUNCHD_DIR ${CMAKE_INSTALL_DATADIR}/jack-server/launchd)
set(JACK_SERVER_EXAMPLES_DIR ${CMAKE_INSTALL_DOCDIR}/examples)
set(JACK_SERVER_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/jack_server)

