# SPDX-License-Identifier: GPL-3.0-or-later
# overum_embed_shaders(TARGET <target> STAGES <file>...): compiles shaders/<file> to SPIR-V with glslc at
# build time, validates it with spirv-val and embeds it in <target> as <file>.inc (glslc -mfmt=c).
include_guard(GLOBAL)

find_program(OVERUM_GLSLC glslc REQUIRED DOC "GLSL -> SPIR-V compiler (Debian: glslc)")
find_program(OVERUM_SPIRV_VAL spirv-val REQUIRED DOC "SPIR-V validator (Debian: spirv-tools)")

# The sources embed the words with `constexpr std::uint32_t k[] = #include "<file>.inc";` and need no
# files at run time. Shared *.glsl files in shaders/ are include-able (-I) and rebuild every stage.
function(overum_embed_shaders)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET" "STAGES")
  if(NOT arg_TARGET OR NOT arg_STAGES)
    message(FATAL_ERROR "overum_embed_shaders(TARGET <target> STAGES <file>...)")
  endif()
  cmake_path(SET shader_dir NORMALIZE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../shaders)  # any top-level project
  set(shader_out ${CMAKE_CURRENT_BINARY_DIR}/shaders)
  file(GLOB shader_includes CONFIGURE_DEPENDS ${shader_dir}/*.glsl)
  set(glslc_args --target-env=vulkan1.3 -O -Werror -I ${shader_dir})
  set(embeds "")
  foreach(stage IN LISTS arg_STAGES)
    set(spv ${shader_out}/${stage}.spv)
    set(embed ${shader_out}/${stage}.inc)
    add_custom_command(
      OUTPUT ${embed} ${spv}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${shader_out}
      COMMAND ${OVERUM_GLSLC} ${glslc_args} -o ${spv} ${shader_dir}/${stage}
      COMMAND ${OVERUM_SPIRV_VAL} --target-env vulkan1.3 ${spv}
      COMMAND ${OVERUM_GLSLC} ${glslc_args} -mfmt=c -o ${embed} ${shader_dir}/${stage}
      DEPENDS ${shader_dir}/${stage} ${shader_includes}
      COMMENT "glslc + spirv-val shaders/${stage}"
      VERBATIM)
    list(APPEND embeds ${embed})
  endforeach()
  target_sources(${arg_TARGET} PRIVATE ${embeds})
  target_include_directories(${arg_TARGET} PRIVATE ${shader_out})
endfunction()
