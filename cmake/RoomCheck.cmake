# The arrows between rooms are a build fact (cmake/room_check.sh lists them): checked at
# configure time and again by the `room_check` test; `room_check_catches_planted_violations`
# proves the check fails on each kind of forbidden include.
set(LARDER_ROOM_CHECK_SCRIPT ${PROJECT_SOURCE_DIR}/cmake/room_check.sh)
execute_process(COMMAND sh ${LARDER_ROOM_CHECK_SCRIPT} ${PROJECT_SOURCE_DIR}
                RESULT_VARIABLE _room_rc OUTPUT_VARIABLE _room_out ERROR_VARIABLE _room_out)
if(NOT _room_rc EQUAL 0)
  message(FATAL_ERROR "room check failed:\n${_room_out}")
endif()
