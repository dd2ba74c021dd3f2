# SPDX-License-Identifier: GPL-3.0-or-later
# XR GPU tests (labels xr, render): headless, desktop under Xvfb, and OpenXR through the real Khronos
# loader against the headless test runtime with XR_APILAYER_LUNARG_core_validation. The Vulkan
# validation layer is on in all of them and any validation error fails the test.
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/test_runtime ${CMAKE_CURRENT_BINARY_DIR}/test_runtime)

add_library(overum_xr_test_support STATIC ${CMAKE_CURRENT_LIST_DIR}/xr_test_support.cpp)
target_link_libraries(overum_xr_test_support PUBLIC overum_xr overum_gfx overum_core Catch2::Catch2
  PRIVATE overum_test_images)

# Headless: deterministic frames, the fixed clock, mono and multiview targets.
overum_test(xr_headless_tests SOURCES ${CMAKE_CURRENT_LIST_DIR}/headless_tests.cpp
  LIBS overum_xr_test_support LABELS xr render)

# OpenXR through the loader: the test sets XR_RUNTIME_JSON to the test runtime's manifest and
# XR_ENABLE_API_LAYERS to the core validation layer (found in the system's explicit layer directory)
# itself, so the binary behaves the same under CTest and when run by hand.
file(GLOB overum_xr_layer_manifest /usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation*.json)
if(overum_xr_layer_manifest)  # none: the test fails saying what to install
  list(SORT overum_xr_layer_manifest)
  list(GET overum_xr_layer_manifest 0 overum_xr_layer_manifest)
endif()
overum_test(xr_openxr_tests SOURCES ${CMAKE_CURRENT_LIST_DIR}/openxr_tests.cpp
  LIBS overum_xr_test_support ${CMAKE_DL_LIBS} LABELS xr render)
target_compile_definitions(xr_openxr_tests PRIVATE
  OVERUM_TEST_RUNTIME_LIBRARY="$<TARGET_FILE:overum_xr_test_runtime>"
  OVERUM_TEST_RUNTIME_JSON="${OVERUM_XR_TEST_RUNTIME_JSON}"
  OVERUM_XR_VALIDATION_LAYER_MANIFEST="${overum_xr_layer_manifest}")
add_dependencies(xr_openxr_tests overum_xr_test_runtime)

# The same headless and OpenXR checks with the marker painter instead of gfx::Renderer: when only
# the renderer runs fail, the fault is in gfx, not in xr.
add_test(NAME xr_headless_tests_marker COMMAND xr_headless_tests)
add_test(NAME xr_openxr_tests_marker COMMAND xr_openxr_tests)
set_tests_properties(xr_headless_tests_marker xr_openxr_tests_marker PROPERTIES
  LABELS "xr;render" ENVIRONMENT OVERUM_XR_TEST_PAINTER=marker WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} TIMEOUT 300)

# Desktop: a real GLFW window on a private X server. catch_discover_tests would run the cases
# without one, so this is a single CTest test wrapped in xvfb-run.
add_executable(xr_desktop_tests ${CMAKE_CURRENT_LIST_DIR}/desktop_tests.cpp)
target_link_libraries(xr_desktop_tests PRIVATE overum_catch_main overum_xr_test_support)
target_precompile_headers(xr_desktop_tests REUSE_FROM overum_catch_pch)
target_include_directories(xr_desktop_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../../engine/xr/src)
find_program(OVERUM_XVFB Xvfb DOC "Debian: xvfb (runs the desktop test on a virtual display)")
if(OVERUM_XVFB)
  add_test(NAME xr_desktop_tests COMMAND ${OVERUM_TEST_SUPPORT_DIR}/with-xvfb.sh $<TARGET_FILE:xr_desktop_tests>)
else()
  add_test(NAME xr_desktop_tests COMMAND ${CMAKE_COMMAND} -E echo "Xvfb not found: install xvfb")
  set_tests_properties(xr_desktop_tests PROPERTIES WILL_FAIL ON)
endif()
set_tests_properties(xr_desktop_tests PROPERTIES LABELS "xr;render" TIMEOUT 300)

# The headset path on a real OpenXR runtime (label xr-runtime): the app against the Monado fixture
# that CI puts beside the clone, with both validation layers (see monado_run.sh). Without the
# fixture the test reports SKIPPED with the reason.
get_filename_component(OVERUM_MONADO_FIXTURE ${CMAKE_SOURCE_DIR}/../shared/tools/openxr-monado ABSOLUTE)
if(NOT EXISTS ${OVERUM_MONADO_FIXTURE}/run-with-monado.sh)
  message(STATUS "No Monado fixture at ${OVERUM_MONADO_FIXTURE}: the xr-runtime tests will report SKIPPED")
endif()
add_test(NAME xr_monado_meeting
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/monado_run.sh ${OVERUM_MONADO_FIXTURE} $<TARGET_FILE:overum> 300)
# Monado's simulated controllers: our suggested bindings for the simple controller are what binds.
add_test(NAME xr_monado_controllers
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/monado_run.sh ${OVERUM_MONADO_FIXTURE} $<TARGET_FILE:overum> 60)
set_tests_properties(xr_monado_controllers PROPERTIES ENVIRONMENT
  "SIMULATED_LEFT=simple;SIMULATED_RIGHT=simple;OVERUM_MONADO_EXPECT=xr: left hand: /interaction_profiles/khr/simple_controller|xr: right hand: /interaction_profiles/khr/simple_controller")
# The runtime's service dies mid-meeting: the meeting pauses, the journal stays resumable, exit 0.
add_test(NAME xr_monado_service_killed
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/monado_run.sh ${OVERUM_MONADO_FIXTURE} $<TARGET_FILE:overum> 100000)
set_tests_properties(xr_monado_service_killed PROPERTIES ENVIRONMENT OVERUM_MONADO_KILL_SERVICE_AFTER=6)
# A kept meeting replayed in the headset from Mette's chair: the replay's lines, seated, no validation message.
add_test(NAME xr_monado_replay
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/monado_run.sh ${OVERUM_MONADO_FIXTURE} $<TARGET_FILE:overum> 600
          --seat sagsbehandler --from 5)
set_tests_properties(xr_monado_replay PROPERTIES ENVIRONMENT
  "OVERUM_MONADO_REPLAY=1;OVERUM_MONADO_EXPECT=replay: 2[0-9]{2} s of the meeting|replay: line at [0-9.]+ s: Mette")
# One Monado at a time: two started together under ctest -j once lost one's session within a second.
set_tests_properties(xr_monado_meeting xr_monado_controllers xr_monado_service_killed xr_monado_replay PROPERTIES LABELS "xr-runtime;xr" SKIP_RETURN_CODE 77
  TIMEOUT 600 WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} RESOURCE_LOCK monado)
