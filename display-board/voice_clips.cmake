# Generates the announcement clips with espeak-ng at build time, one WAV per line of
# assets/voice/<lang>/clips.txt ("name|voice|text"), into <build>/voice/<lang>/.
# The generated set is installed to share/onestop/voice/<lang>/; recorded clips a hall
# keeps in assets/voice/<lang>/ are installed after them and so replace them.

set(ONESTOP_GENERATED_VOICE_DIR ${CMAKE_BINARY_DIR}/voice)
find_program(ESPEAK_NG espeak-ng)
# Words per minute. Mandarin a little quicker than espeak-ng's 175 and English a little
# slower: 请 A012 号到 3 号窗口 then lasts 3.2 s (3.4 syllables/s, a measured announcement
# pace) instead of 5 s at 150, so one voice keeps up with a busy hall (bench/board/RESULTS.md).
set(ONESTOP_VOICE_RATE_zh 185)
set(ONESTOP_VOICE_RATE_en 165)

set(voice_outputs "")
if(NOT ESPEAK_NG)
  message(WARNING "espeak-ng not found: voice clips are not generated; the board then needs recorded clips")
else()
  foreach(lang zh en)
    set(list_file ${ONESTOP_SOURCE_ASSETS}/voice/${lang}/clips.txt)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${list_file})
    file(STRINGS ${list_file} lines ENCODING UTF-8)
    foreach(line IN LISTS lines)
      if(line MATCHES "^#" OR line STREQUAL "")
        continue()
      endif()
      if(NOT line MATCHES "^([A-Za-z0-9_]+)\\|([A-Za-z0-9-]+)\\|(.+)$")
        message(FATAL_ERROR "${list_file}: bad line '${line}' (want name|voice|text)")
      endif()
      set(out ${ONESTOP_GENERATED_VOICE_DIR}/${lang}/${CMAKE_MATCH_1}.wav)
      add_custom_command(OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${ONESTOP_GENERATED_VOICE_DIR}/${lang}
        COMMAND ${ESPEAK_NG} -v ${CMAKE_MATCH_2} -s ${ONESTOP_VOICE_RATE_${lang}} -w ${out} "${CMAKE_MATCH_3}"
        DEPENDS ${list_file} ${CMAKE_CURRENT_LIST_FILE}
        COMMENT "voice clip ${lang}/${CMAKE_MATCH_1}.wav"
        VERBATIM)
      list(APPEND voice_outputs ${out})
    endforeach()
  endforeach()
endif()
add_custom_target(onestop_voice_clips ALL DEPENDS ${voice_outputs})

install(DIRECTORY ${ONESTOP_GENERATED_VOICE_DIR}/ DESTINATION ${ONESTOP_SHARE_DIR}/voice OPTIONAL
        FILES_MATCHING PATTERN "*.wav")
install(DIRECTORY ${ONESTOP_SOURCE_ASSETS}/voice/ DESTINATION ${ONESTOP_SHARE_DIR}/voice
        FILES_MATCHING PATTERN "*.wav" PATTERN "*.txt" PATTERN "*.md")
