# SPDX-License-Identifier: GPL-2.0-or-later
# A build without ALSA (JACK_SERVER_ALSA=OFF) must compile no ALSA header,
# also where ALSA's development files are installed: the compiler would find
# them in /usr/include with no flag at all. So each header ALSA installs here
# (alsa/*, sys/asoundlib.h) gets a namesake in the build tree, first on every
# target's include path, that stops the compilation naming it.
set(no_alsa_dir "${PROJECT_BINARY_DIR}/no-alsa-include")
file(REMOVE_RECURSE "${no_alsa_dir}")
find_path(JACK_SERVER_ALSA_HEADERS alsa/asoundlib.h NO_CACHE)
set(alsa_headers)
if(JACK_SERVER_ALSA_HEADERS)
  file(GLOB_RECURSE alsa_headers RELATIVE "${JACK_SERVER_ALSA_HEADERS}"
       "${JACK_SERVER_ALSA_HEADERS}/alsa/*")
  if(EXISTS "${JACK_SERVER_ALSA_HEADERS}/sys/asoundlib.h")
    list(APPEND alsa_headers sys/asoundlib.h)
  endif()
endif()
# One always, so the guard is there (and tested) where ALSA is not installed.
list(APPEND alsa_headers alsa/asoundlib.h)
list(REMOVE_DUPLICATES alsa_headers)
foreach(header IN LISTS alsa_headers)
  file(WRITE "${no_alsa_dir}/${header}"
       "#error \"<${header}> is ALSA's: a build with JACK_SERVER_ALSA=OFF uses no ALSA header\"\n")
endforeach()
include_directories(BEFORE "${no_alsa_dir}")
list(LENGTH alsa_headers alsa_header_count)
message(STATUS "Without ALSA: ${alsa_header_count} ALSA headers shadowed in ${no_alsa_dir}")
