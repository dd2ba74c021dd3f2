# SPDX-License-Identifier: GPL-3.0-or-later
# Who may include GLFW and OpenXR: only the xr module (headset, window presenter) and the places
# listed below, each with its reason; the renderer (engine/gfx) never, whatever the list says.
# Run as `cmake -D ROOT=<source tree> -P cmake/check_includes.cmake`; fails naming each file and its include.
# CTest runs it over the tree (tests/architecture); docs/architecture.md explains the rule.
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -D ROOT=<source tree> -P check_includes.cmake")
endif()

# Folders (relative to ROOT, ending in /) and files where <GLFW/...> and <openxr/...> belong.
set(allowed
  engine/xr/                            # the module that owns the headset, the window and GLFW
  tests/xr/                             # tests of xr: the desktop window, the loader, the test OpenXR runtime
)
# Never, even if a line above says otherwise: the renderer knows Vulkan only.
set(never engine/gfx/)

file(GLOB_RECURSE sources RELATIVE ${ROOT} LIST_DIRECTORIES false
     ${ROOT}/engine/*.h ${ROOT}/engine/*.hpp ${ROOT}/engine/*.cpp ${ROOT}/engine/*.c
     ${ROOT}/tests/*.h ${ROOT}/tests/*.hpp ${ROOT}/tests/*.cpp ${ROOT}/tests/*.c)
list(SORT sources)
set(problems "")
foreach(file IN LISTS sources)
  file(STRINGS ${ROOT}/${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](GLFW|openxr)/")
  if(NOT lines)
    continue()
  endif()
  set(ok FALSE)
  foreach(prefix IN LISTS allowed)
    string(FIND "${file}" "${prefix}" at)
    if(at EQUAL 0)
      set(ok TRUE)
    endif()
  endforeach()
  foreach(prefix IN LISTS never)
    string(FIND "${file}" "${prefix}" at)
    if(at EQUAL 0)
      set(ok FALSE)
    endif()
  endforeach()
  if(NOT ok)
    foreach(line IN LISTS lines)
      string(STRIP "${line}" line)
      string(APPEND problems "\n  ${file}: ${line}")
    endforeach()
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "GLFW and OpenXR headers belong in engine/xr (never in engine/gfx); "
                      "found elsewhere:${problems}\n(the exceptions, with reasons: cmake/check_includes.cmake)")
endif()
message(STATUS "GLFW and OpenXR includes: only in engine/xr and the listed exceptions (${ROOT})")
