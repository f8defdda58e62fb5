# Installs Flashpoint like a Debian program and packages it with CPack (DEB):
#   bin/flashpoint, share/flashpoint/{geodata,assets}, desktop entry, icons, MIME type, man page, bash completion.
# The binary finds its data through core/util/data_paths.cpp (<prefix>/share/flashpoint), never the source tree.
include(GNUInstallDirs)
set(FP_PKG ${FP_SOURCE_DIR}/packaging)

install(TARGETS flashpoint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${FP_SOURCE_DIR}/geodata/ DESTINATION ${CMAKE_INSTALL_DATADIR}/flashpoint/geodata
        PATTERN "make_*" EXCLUDE PATTERN "check_*.py" EXCLUDE PATTERN "*.gz" EXCLUDE)
install(FILES ${FP_SOURCE_DIR}/assets/incident_styles.json DESTINATION ${CMAKE_INSTALL_DATADIR}/flashpoint/assets)
install(FILES ${FP_PKG}/flashpoint.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${FP_PKG}/flashpoint-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME flashpoint.xml)
install(FILES ${FP_PKG}/icons/flashpoint.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 24 32 48 64 128 256)
  install(FILES ${FP_PKG}/icons/flashpoint_${size}.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          RENAME flashpoint.png)
endforeach()
install(FILES ${FP_PKG}/flashpoint.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME flashpoint)

# Debian wants man pages and the changelog compressed with gzip -9n (no name, no time stamp: reproducible).
set(FP_GZ_DIR ${CMAKE_BINARY_DIR}/packaging)
add_custom_command(
  OUTPUT ${FP_GZ_DIR}/flashpoint.1.gz ${FP_GZ_DIR}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${FP_GZ_DIR}
  COMMAND ${FP_GZIP} -9n -c ${FP_PKG}/flashpoint.1 > ${FP_GZ_DIR}/flashpoint.1.gz
  COMMAND ${FP_GZIP} -9n -c ${FP_PKG}/changelog > ${FP_GZ_DIR}/changelog.gz
  DEPENDS ${FP_PKG}/flashpoint.1 ${FP_PKG}/changelog
  VERBATIM)
add_custom_target(fp_packaging_docs ALL DEPENDS ${FP_GZ_DIR}/flashpoint.1.gz ${FP_GZ_DIR}/changelog.gz)
install(FILES ${FP_GZ_DIR}/flashpoint.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${FP_GZ_DIR}/changelog.gz ${FP_PKG}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/flashpoint)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME flashpoint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Flashpoint developers")
set(CPACK_PACKAGE_CONTACT "Flashpoint developers <dev@flashpoint.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "map incidents over boundaries, play them in time, export briefings")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Flashpoint is a desktop map for conflict analysts, journalists and briefing\n"
    "officers. It draws incidents (ACLED, UCDP GED, GDELT, GeoJSON, KML,\n"
    "GeoPackage, CSV, PostGIS) over country boundaries, plays them back in time\n"
    "and exports briefing images and animations, also headless from the command\n"
    "line. It ships Kosovo and Serbia boundaries and an offline world gazetteer.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "proj-data, fonts-dejavu-core, libegl-mesa0, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ffmpeg")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://flashpoint.invalid/")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\\\.git/")
include(CPack)
