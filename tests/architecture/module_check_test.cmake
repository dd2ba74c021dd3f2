# SPDX-License-Identifier: GPL-3.0-or-later
# The module check fails when it should: tiny throwaway projects that use the real table
# (cmake/ModuleTable.cmake) and checker (cmake/Modules.cmake) with a forbidden link, a private
# forbidden link, an undeclared module and a cyclic table must fail to configure with a message naming
# the module and the dependency; one that keeps to the table must configure.
# Run: cmake -D SOURCE_DIR=<repo> -D WORK_DIR=<scratch> -P module_check_test.cmake
foreach(v SOURCE_DIR WORK_DIR)
  if(NOT ${v})
    message(FATAL_ERROR "usage: cmake -D SOURCE_DIR=<repo> -D WORK_DIR=<scratch folder> -P module_check_test.cmake")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})
set(failures 0)

# project(name languages body expect_success regex): configures a project whose CMakeLists is the
# table, `body`, and the check; `regex` must match what the configure printed.
function(try_project name languages body expect_success regex)
  set(dir ${WORK_DIR}/${name})
  file(WRITE ${dir}/empty.c "/* SPDX-License-Identifier: GPL-3.0-or-later */\nint overum_fake_${name};\n")
  file(WRITE ${dir}/CMakeLists.txt "# SPDX-License-Identifier: GPL-3.0-or-later
cmake_minimum_required(VERSION 3.25)
project(${name} LANGUAGES ${languages})
list(APPEND CMAKE_MODULE_PATH ${SOURCE_DIR}/cmake)
${body}
overum_check_modules(UNDER \${CMAKE_CURRENT_SOURCE_DIR})
")
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${dir} -B ${dir}/build -G Ninja
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(printed "${out}${err}")
  string(REGEX REPLACE "[ \n]+" " " flat "${printed}")  # CMake wraps long messages
  set(ok TRUE)
  if(expect_success AND NOT result EQUAL 0)
    set(ok FALSE)
    set(why "expected the configure to succeed, it failed")
  elseif(NOT expect_success AND result EQUAL 0)
    set(ok FALSE)
    set(why "expected the configure to fail, it succeeded")
  elseif(NOT flat MATCHES "${regex}")
    set(ok FALSE)
    set(why "the output does not match '${regex}'")
  endif()
  if(ok)
    message(STATUS "ok: ${name}")
  else()
    message(STATUS "FAILED: ${name}: ${why}\n${printed}")
    math(EXPR n "${failures} + 1")
    set(failures ${n} PARENT_SCOPE)
  endif()
endfunction()

set(fakes "include(ModuleTable)
foreach(m overum_core overum_scenario overum_session overum_gfx overum_xr_logic overum_xr overum_avatar overum_cast
          overum_scene overum_meeting overum_console)
  add_library(\${m} INTERFACE)
endforeach()
target_link_libraries(overum_scenario INTERFACE overum_core)
target_link_libraries(overum_gfx INTERFACE overum_core)
target_link_libraries(overum_xr_logic INTERFACE overum_core)
target_link_libraries(overum_avatar INTERFACE overum_core)
target_link_libraries(overum_cast INTERFACE overum_core overum_avatar)
target_link_libraries(overum_meeting INTERFACE overum_core overum_scenario)
")

# The real graph's shape passes, including a link to a module reached through an allowed one.
try_project(keeps_to_the_table NONE "${fakes}
target_link_libraries(overum_xr INTERFACE overum_xr_logic overum_gfx)
target_link_libraries(overum_scene INTERFACE overum_gfx overum_avatar overum_cast overum_core)
" TRUE "")

# The renderer must never see the headset.
try_project(gfx_links_xr NONE "${fakes}
target_link_libraries(overum_gfx INTERFACE overum_xr)
" FALSE "Module map: overum_gfx must not depend on overum_xr")

# A PRIVATE link counts as much as a PUBLIC one.
try_project(audio_links_meeting_privately C "${fakes}
add_library(overum_audio STATIC empty.c)
target_link_libraries(overum_audio PRIVATE overum_meeting)
" FALSE "Module map: overum_audio must not depend on overum_meeting")

# A new engine target must be entered in the table first.
try_project(undeclared_module NONE "${fakes}
add_library(overum_feedback INTERFACE)
target_link_libraries(overum_feedback INTERFACE overum_core)
" FALSE "Module map: overum_feedback .* is not in the table")

# A table that goes round in a circle is refused, naming the circle.
try_project(cyclic_table NONE "include(Modules)
overum_module(overum_a ALLOWED overum_b)
overum_module(overum_b ALLOWED overum_c)
overum_module(overum_c ALLOWED overum_a)
add_library(overum_a INTERFACE)
" FALSE "Module map: a cycle in the allowed table .*: overum_a -> overum_b -> overum_c -> overum_a")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} module-check case(s) failed")
endif()
