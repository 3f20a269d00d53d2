# Debian's Xapian CMake config defines XAPIAN_LIBRARIES and XAPIAN_INCLUDE_DIR but no imported
# target: wrap them once as Xapian::Xapian so every other target links it like any other package.
find_package(Xapian 1.4 REQUIRED)
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
                                                  INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
