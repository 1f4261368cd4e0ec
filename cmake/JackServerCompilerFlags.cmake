# SPDX-License-Identifier: GPL-2.0-or-later
# Compiler and linker flags that not every toolchain has: each is used only
# where the toolchain takes it (GCC and Clang with a GNU-compatible linker on
# Linux; Apple's linker has neither version scripts nor --gc-sections).

include(CheckLinkerFlag)

# Warnings for the project's own targets.
function(jack_server_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  endif()
endfunction()

# A version script limits what the shared library exports.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/check.map "{ global: *; };\n")
check_linker_flag(CXX "LINKER:--version-script=${CMAKE_CURRENT_BINARY_DIR}/check.map"
                  JACK_SERVER_GNU_LINKER)
