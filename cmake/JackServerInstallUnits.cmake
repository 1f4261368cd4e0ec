# SPDX-License-Identifier: GPL-2.0-or-later
# Service units and the launchd plist from JACK_SERVER_PACKAGING_DIR, if
# present. Kept apart so a test installs placeholder units with these very
# rules, in a scratch project of its own.

# Every unit is a system unit; the templates (name@.service) also serve
# `systemctl --user`, as JACK2's jack@.service does.
file(GLOB system_units ${JACK_SERVER_PACKAGING_DIR}/systemd/*.service
                       ${JACK_SERVER_PACKAGING_DIR}/systemd/*.socket)
file(GLOB user_units ${JACK_SERVER_PACKAGING_DIR}/systemd/*@.service
                     ${JACK_SERVER_PACKAGING_DIR}/systemd/user/*.service)
if(system_units)
  install(FILES ${system_units} DESTINATION ${JACK_SERVER_SYSTEMD_SYSTEM_UNIT_DIR})
endif()
if(user_units)
  install(FILES ${user_units} DESTINATION ${JACK_SERVER_SYSTEMD_USER_UNIT_DIR})
endif()
# D-Bus service files go where no bus looks (share/jack-server/dbus-1/services):
# Debian's jackd2 provides org.jackaudio.service (jackdbus) in the bus's own
# folder, and two providers of one name there are undefined. A user links ours
# into ~/.local/share/dbus-1/services, which comes first.
file(GLOB dbus_services ${JACK_SERVER_PACKAGING_DIR}/dbus/*.service)
if(dbus_services)
  install(FILES ${dbus_services}
          DESTINATION ${CMAKE_INSTALL_DATADIR}/jack-server/dbus-1/services)
endif()
file(GLOB launchd_plists ${JACK_SERVER_PACKAGING_DIR}/launchd/*.plist)
if(launchd_plists)
  install(FILES ${launchd_plists} DESTINATION ${JACK_SERVER_LAUNCHD_DIR})
endif()

