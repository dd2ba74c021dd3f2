# SPDX-License-Identifier: GPL-3.0-or-later
# The module map: which overum_* libraries each engine target may link (directly, or through one
# of those it may link). The top-level CMakeLists checks every engine target against it at the end
# of the configure (cmake/Modules.cmake). Change it together with the graph in docs/architecture.md.
include(${CMAKE_CURRENT_LIST_DIR}/Modules.cmake)

# Foundations: no graphics, no audio, no files beyond their own.
overum_module(overum_core)                                          # logging, strings, paths, pose maths
overum_module(overum_scenario       ALLOWED overum_core)            # the Yarn compiler and runner
overum_module(overum_session        ALLOWED overum_core overum_scenario)  # statement, vault, journal, export, progress
overum_module(overum_meeting        ALLOWED overum_core overum_scenario)  # the director
overum_module(overum_avatar         ALLOWED overum_core)            # characters as glTF
overum_module(overum_cast           ALLOWED overum_core overum_avatar)    # the one cast.json reader
overum_module(overum_audio          ALLOWED overum_core)            # OpenAL, espeak-ng, voice activity
overum_module(overum_speech         ALLOWED overum_core)            # per-turn speech measures, feedback rules

# Graphics: gfx never sees a window, a headset or the UI.
overum_module(overum_gfx            ALLOWED overum_core)            # Vulkan device and renderer
overum_module(overum_scene          ALLOWED overum_core overum_gfx overum_avatar overum_cast)
overum_module(overum_ui             ALLOWED overum_core overum_gfx) # text overlay
overum_module(overum_xr_logic       ALLOWED overum_core)            # pure headset logic
overum_module(overum_xr             ALLOWED overum_core overum_xr_logic overum_gfx)  # OpenXR, window, headless

# The facilitator's console (ImGui panels, no window) and the app.
overum_module(overum_console        ALLOWED overum_core overum_scenario overum_session overum_meeting)
overum_module(overum_scenario_tools ALLOWED overum_scenario overum_cast)  # overum check|play|graph|lines|tag, the meeting-folder loader
overum_module(overum_app_cli        ALLOWED overum_core)            # the command line (the one CLI11 user)
overum_module(overum_imgui_backends)                                # Debian's ImGui GLFW + Vulkan backends
overum_module(overum_console_window ALLOWED overum_gfx overum_xr overum_console overum_imgui_backends)
overum_module(overum_app_meeting    ALLOWED overum_app_cli overum_meeting overum_scene overum_audio overum_session
                                            overum_console overum_ui overum_speech overum_scenario_tools overum_xr)
overum_module(overum                ALLOWED overum_app_meeting overum_console_window overum_scenario_tools overum_xr
                                            overum_ui overum_scene overum_gfx overum_core)
