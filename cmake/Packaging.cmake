# SPDX-License-Identifier: GPL-3.0-or-later
# Installing Øverum and its Debian package (cpack -G DEB, or scripts/package.sh): the executable in
# bin/, the meetings, help and data in share/overum (found there by the installed program), desktop
# entries, icons, AppStream metadata, the man page and the copyright file.
include(GNUInstallDirs)
set(OVERUM_PACKAGING_DIR ${CMAKE_SOURCE_DIR}/packaging)
set(OVERUM_DATA_DESTINATION ${CMAKE_INSTALL_DATADIR}/overum)

find_program(OVERUM_HELP2MAN help2man REQUIRED DOC "man page from --help (Debian: help2man)")
find_program(OVERUM_RSVG rsvg-convert REQUIRED DOC "PNG icons from the SVG (Debian: librsvg2-bin)")
find_program(OVERUM_GZIP gzip REQUIRED)

install(TARGETS overum RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scenarios/ DESTINATION ${OVERUM_DATA_DESTINATION}/scenarios)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/help/ DESTINATION ${OVERUM_DATA_DESTINATION}/help)
install(FILES ${OVERUM_PACKAGING_DIR}/overum.desktop ${OVERUM_PACKAGING_DIR}/overum-facilitator.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${OVERUM_PACKAGING_DIR}/overum.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(generated ${CMAKE_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${generated})
configure_file(${OVERUM_PACKAGING_DIR}/dk.overum.Overum.metainfo.xml ${generated}/dk.overum.Overum.metainfo.xml @ONLY)
install(FILES ${generated}/dk.overum.Overum.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

set(package_files "")
foreach(size 16 32 48 64 128 256)
  set(png ${generated}/icons/${size}/overum.png)
  add_custom_command(OUTPUT ${png} COMMAND ${CMAKE_COMMAND} -E make_directory ${generated}/icons/${size}
                     COMMAND ${OVERUM_RSVG} -w ${size} -h ${size} ${OVERUM_PACKAGING_DIR}/overum.svg -o ${png}
                     DEPENDS ${OVERUM_PACKAGING_DIR}/overum.svg VERBATIM)
  install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  list(APPEND package_files ${png})
endforeach()

# The man page comes from the command line's own --help, so it never disagrees with the program.
add_custom_command(OUTPUT ${generated}/overum.1.gz
  COMMAND ${OVERUM_HELP2MAN} --no-info --section 1 --name "rehearse meetings in VR, on the desktop or headless"
          --include ${OVERUM_PACKAGING_DIR}/overum.h2m --output ${generated}/overum.1 $<TARGET_FILE:overum>
  COMMAND ${OVERUM_GZIP} -9nf ${generated}/overum.1
  DEPENDS overum ${OVERUM_PACKAGING_DIR}/overum.h2m VERBATIM)
list(APPEND package_files ${generated}/overum.1.gz)
install(FILES ${generated}/overum.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

add_custom_command(OUTPUT ${generated}/changelog.gz
  COMMAND ${OVERUM_GZIP} -9nc ${OVERUM_PACKAGING_DIR}/changelog > ${generated}/changelog.gz
  DEPENDS ${OVERUM_PACKAGING_DIR}/changelog)
list(APPEND package_files ${generated}/changelog.gz)
install(FILES ${generated}/changelog.gz ${OVERUM_PACKAGING_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
add_custom_target(overum_package_files ALL DEPENDS ${package_files})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME overum)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Øverum developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "rehearse the meetings that decide your life, in VR or on the desktop")
set(CPACK_PACKAGE_DESCRIPTION "Øverum is a practice room for citizens with psychiatric vulnerabilities:
at a meeting table with characters who speak Danish, they rehearse an
authority meeting, a follow-up meeting or a treatment meeting and present
their personal statement, in an OpenXR headset or a desktop window, while a
facilitator steers from a console. What the citizen agrees to keep is
encrypted on this machine only.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # overum_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The Øverum developers <overum@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # the libraries' packages, from the binary (dpkg-shlibdeps)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, espeak-ng-data")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mesa-vulkan-drivers | vulkan-icd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
