# Fails when the German catalogue does not list exactly the texts lupdate finds in the sources
# now: a new or changed tr() text, or a context that moved, shows up here before it ships
# untranslated. Runs lupdate on a copy, so the committed .ts is never touched.
# Inputs (-D): LUPDATE, GENERATOR (Qt's GenerateLUpdateProject.cmake), PROJECT_IN (the
# .lupdate/*_project.cmake of fulfillsync_ui), TS (the committed .ts), WORK (a scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${WORK}/project.json
                        -P "${GENERATOR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not write the lupdate project file")
endif()
configure_file("${TS}" "${WORK}/current.ts" COPYONLY)
execute_process(COMMAND "${LUPDATE}" -project "${WORK}/project.json" -no-obsolete
                        -locations none -ts "${WORK}/current.ts"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed")
endif()
if(NOT out MATCHES "\\(0 new and" OR out MATCHES "Removed [0-9]+ obsolete")
    message(FATAL_ERROR "The translation catalogue is out of date: run "
                        "`ninja -C build update_translations`, translate the unfinished entries "
                        "of ${TS} and commit it.")
endif()
