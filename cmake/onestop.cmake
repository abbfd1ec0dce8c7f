# Small helpers so every module's CMakeLists stays a few lines long.

# onestop_library(<target> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# A static library whose public headers live in ./include/onestop/<module>/.
function(onestop_library target)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${target} STATIC ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# onestop_program(<name> SOURCES ... DEPS ...) — an installed program in build/bin.
function(onestop_program name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  install(TARGETS ${name} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()

# onestop_test(<name> SOURCES ... [LIBS ...] LABELS unit|e2e|browser ... [TIMEOUT s])
# A doctest executable registered with ctest. Integration tests find programs
# through ONESTOP_BIN_DIR and shipped files through ONESTOP_SOURCE_DIR.
# Every test says its kind, so `./scripts/test -L unit` runs the fast ones: unit (in one
# process), e2e (starts built programs) or browser (drives a web browser).
function(onestop_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE onestop_test_support ${ARG_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  # ASan+UBSan run the same tests 2–3× slower (hub_test: 40 s → 93 s alone), more on a busy
  # machine: the time-outs catch hangs, not slowness.
  if(ONESTOP_SANITIZE)
    math(EXPR ARG_TIMEOUT "${ARG_TIMEOUT} * 4")
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "SDL_VIDEODRIVER=offscreen;SDL_AUDIODRIVER=dummy;TZ=Asia/Shanghai;ONESTOP_ASSETS=${CMAKE_SOURCE_DIR}/assets")
  if(NOT ARG_LABELS MATCHES "(^|;)(unit|e2e|browser)(;|$)")
    message(FATAL_ERROR "onestop_test(${name}): LABELS needs unit, e2e or browser")
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# Adds each listed sub-folder that has a CMakeLists.txt, so modules can land one at a time.
function(onestop_add_present_subdirs)
  foreach(dir ${ARGN})
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
