# What `cmake --install` puts where, and the Debian package CPack makes from it. The paths are the
# ones a Debian system (and any freedesktop.org desktop) reads: binaries in bin, the menu entry in
# share/applications, icons in the hicolor theme, AppStream metainfo in share/metainfo, the MIME
# type in share/mime/packages, man pages in share/man/man1. The binaries' own install() lines are
# in app/CMakeLists.txt.
#
# The package: configure with -DRNNLAB_NATIVE=OFF (a -march=native binary would crash with an
# illegal instruction on other machines), build, then `cpack -G DEB` in the build folder.

include(GNUInstallDirs)

# The AppStream id; the metainfo file is named after it and names rnnlab.desktop as its launchable.
set(RNNLAB_APP_ID "io.github.rnnlab.rnnlab")
set(RNNLAB_PACKAGE_MAINTAINER
    "RNN Lab maintainers <maintainers@users.noreply.r-seed-c5712e92.example>"
    CACHE STRING "The Maintainer field of the Debian package")

# Directories the install creates get these permissions whatever the umask, so that the package's
# file list does not depend on who built it.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(_rnnlab_resources "${PROJECT_SOURCE_DIR}/resources")

# Presets: the app has them compiled in; installed as files for rnnlab-cli and to copy and edit.
file(GLOB _rnnlab_presets CONFIGURE_DEPENDS "${_rnnlab_resources}/presets/*.rnnlab.json")
install(FILES ${_rnnlab_presets} DESTINATION "${CMAKE_INSTALL_DATADIR}/rnnlab/presets")

# Man pages carry the project version; Debian wants them compressed (gzip -n: no time stamp, so
# that two builds give the same package).
set(_rnnlab_man_pages rnnlab-cli.1)
if(RNNLAB_BUILD_GUI)
  list(APPEND _rnnlab_man_pages rnnlab.1)
endif()
find_program(RNNLAB_GZIP gzip)
set(_rnnlab_man_outputs "")
foreach(_page IN LISTS _rnnlab_man_pages)
  set(_page_out "${PROJECT_BINARY_DIR}/man/${_page}")
  configure_file("${PROJECT_SOURCE_DIR}/docs/${_page}" "${_page_out}" @ONLY)
  if(RNNLAB_GZIP)
    add_custom_command(
      OUTPUT "${_page_out}.gz"
      COMMAND "${RNNLAB_GZIP}" -9 -n -k -f "${_page_out}"
      DEPENDS "${_page_out}"
      COMMENT "Compressing the man page ${_page}"
      VERBATIM)
    list(APPEND _rnnlab_man_outputs "${_page_out}.gz")
  else()
    list(APPEND _rnnlab_man_outputs "${_page_out}")
  endif()
endforeach()
add_custom_target(rnnlab_man_pages ALL DEPENDS ${_rnnlab_man_outputs})
install(FILES ${_rnnlab_man_outputs} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

# The licence and the changelog where Debian expects them for a native package (a version without
# a Debian revision): /usr/share/doc/rnnlab/copyright (machine-readable format) and changelog.gz.
install(FILES "${_rnnlab_resources}/package/copyright" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
set(_rnnlab_changelog "${PROJECT_BINARY_DIR}/package/changelog")
configure_file("${_rnnlab_resources}/package/changelog.in" "${_rnnlab_changelog}" @ONLY)
if(RNNLAB_GZIP)
  add_custom_command(
    OUTPUT "${_rnnlab_changelog}.gz"
    COMMAND "${RNNLAB_GZIP}" -9 -n -k -f "${_rnnlab_changelog}"
    DEPENDS "${_rnnlab_changelog}"
    COMMENT "Compressing the changelog"
    VERBATIM)
  add_custom_target(rnnlab_changelog ALL DEPENDS "${_rnnlab_changelog}.gz")
  install(FILES "${_rnnlab_changelog}.gz" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
else()
  install(FILES "${_rnnlab_changelog}" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
endif()

if(RNNLAB_BUILD_GUI)
  install(FILES "${_rnnlab_resources}/desktop/rnnlab.desktop"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
  install(FILES "${_rnnlab_resources}/desktop/${RNNLAB_APP_ID}.metainfo.xml"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
  install(FILES "${_rnnlab_resources}/desktop/rnnlab-mime.xml"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages"
          RENAME rnnlab.xml)
  foreach(_size IN ITEMS 16 32 48 64 128 256)
    install(FILES "${_rnnlab_resources}/icons/rnnlab-${_size}.png"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps"
            RENAME rnnlab.png)
  endforeach()
  install(FILES "${_rnnlab_resources}/icons/rnnlab.svg"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
endif()

# ---- Debian package (cpack -G DEB) ----
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "rnnlab")
set(CPACK_PACKAGE_VENDOR "RNN Lab")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "watch a recurrent neural network learn")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "rnnlab")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RNNLAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "education")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The long description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY before it as the synopsis
# and indents it the way Debian's control file wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "RNN Lab is a desktop application for teaching and inspecting how a recurrent
neural network learns: press Play and watch the loss fall, the hidden states
and the weights change; pause, step one iteration at a time and follow
backpropagation through time with the numbers substituted into the equations.
It checks gradients against finite differences, rewinds the training history
and compares runs.

rnnlab-cli trains sessions, prints gradients as JSON and checks them without a
display.")
# dpkg-shlibdeps names the packages of every shared library the binaries link (libqt6widgets6,
# libstdc++6, ...). Qt loads its platform plugins (xcb, wayland) at run time, which dpkg-shlibdeps
# cannot see, and libqt6gui6 only recommends them: without qt6-qpa-plugins the app cannot open a
# window.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(RNNLAB_BUILD_GUI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
  # The Chinese interface draws with a CJK font and takes Qt's own strings (dialog buttons) from
  # Qt's translations; without them it still runs, with boxes or English buttons.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei | fonts-noto-cjk, qt6-translations-l10n")
endif()
if(RNNLAB_NATIVE)
  message(STATUS "RNN Lab: RNNLAB_NATIVE is ON, so a package built here runs only on CPUs like "
                 "this one; configure with -DRNNLAB_NATIVE=OFF to build one for others")
endif()
include(CPack)
