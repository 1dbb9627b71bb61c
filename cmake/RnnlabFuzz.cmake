# RNNLAB_FUZZ: libFuzzer targets for the core's parsers (tests/fuzz). Needs clang; everything in
# the build is compiled with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's
# coverage instrumentation, so use a build folder of its own (see docs/development.md, "Fuzzing").
option(RNNLAB_FUZZ "Build the libFuzzer targets of the core's parsers (clang only)" OFF)
set(RNNLAB_FUZZ_SECONDS 60 CACHE STRING "How long CTest runs each fuzz target, in seconds")

if(RNNLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "RNNLAB_FUZZ needs clang (libFuzzer); configure with CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
