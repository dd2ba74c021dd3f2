# SPDX-License-Identifier: GPL-3.0-or-later
# The include check fails when it should: a throwaway tree with GLFW in the renderer and OpenXR in the
# scene must fail naming both files, and the same includes in engine/xr must pass.
# Run: cmake -D SOURCE_DIR=<repo> -D WORK_DIR=<scratch> -P include_check_test.cmake
foreach(v SOURCE_DIR WORK_DIR)
  if(NOT ${v})
    message(FATAL_ERROR "usage: cmake -D SOURCE_DIR=<repo> -D WORK_DIR=<scratch folder> -P include_check_test.cmake")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})

function(check_tree name expect_success regex)
  execute_process(COMMAND ${CMAKE_COMMAND} -D ROOT=${WORK_DIR}/${name} -P ${SOURCE_DIR}/cmake/check_includes.cmake
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX REPLACE "[ \n]+" " " flat "${out}${err}")
  if(expect_success AND NOT result EQUAL 0)
    message(FATAL_ERROR "${name}: expected the check to pass:\n${out}${err}")
  elseif(NOT expect_success AND result EQUAL 0)
    message(FATAL_ERROR "${name}: expected the check to fail:\n${out}${err}")
  elseif(NOT flat MATCHES "${regex}")
    message(FATAL_ERROR "${name}: the output does not match '${regex}':\n${out}${err}")
  endif()
  message(STATUS "ok: ${name}")
endfunction()

file(WRITE ${WORK_DIR}/allowed/engine/xr/src/window.cpp "#include <GLFW/glfw3.h>\n#include <openxr/openxr.h>\n")
file(WRITE ${WORK_DIR}/allowed/engine/gfx/src/renderer.cpp "#include <vulkan/vulkan.h>\n")
check_tree(allowed TRUE "")

file(WRITE ${WORK_DIR}/forbidden/engine/xr/src/window.cpp "#include <GLFW/glfw3.h>\n")
file(WRITE ${WORK_DIR}/forbidden/engine/gfx/src/renderer.cpp "// the renderer\n#include <GLFW/glfw3.h>\n")
file(WRITE ${WORK_DIR}/forbidden/engine/scene/include/room.h "#pragma once\n  # include \"openxr/openxr.h\"\n")
check_tree(forbidden FALSE
  "engine/gfx/src/renderer.cpp: #include <GLFW/glfw3.h> engine/scene/include/room.h: # include \"openxr/openxr.h\"")
