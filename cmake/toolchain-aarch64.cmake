# Cross-compiling fobrig for the Raspberry Pi's arm64 (aarch64), Raspberry Pi OS Bookworm /
# Debian 12, with Debian's aarch64-linux-gnu cross compiler and a sysroot of Debian 12 arm64
# packages (scripts/cross-build makes both):
#
#   cmake -S . -B build-arm64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake \
#         -DFOBRIG_SYSROOT=/var/cache/fobrig-arm64/sysroot
#
# FOBRIG_SYSROOT: the unpacked arm64 -dev packages (headers, libraries, CMake and pkg-config
# files). FOBRIG_QEMU_ROOT (default: the sysroot): the folder qemu-user treats as the Pi's "/"
# when the build runs test binaries (gtest_discover_tests, ctest).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

# CMake reads this file again for every try_compile project, which sees none of the main
# project's cache: the variables travel through CMAKE_TRY_COMPILE_PLATFORM_VARIABLES, and the
# environment as a fallback.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES FOBRIG_SYSROOT FOBRIG_QEMU_ROOT)
if(NOT FOBRIG_SYSROOT AND DEFINED ENV{FOBRIG_SYSROOT})
    set(FOBRIG_SYSROOT "$ENV{FOBRIG_SYSROOT}")
endif()
if(NOT FOBRIG_SYSROOT OR NOT EXISTS "${FOBRIG_SYSROOT}/usr/lib/aarch64-linux-gnu")
    message(FATAL_ERROR "FOBRIG_SYSROOT='${FOBRIG_SYSROOT}' is not an arm64 Debian sysroot; "
        "scripts/cross-build makes one (or pass -DFOBRIG_SYSROOT=DIR)")
endif()
set(FOBRIG_SYSROOT "${FOBRIG_SYSROOT}" CACHE PATH "The arm64 Debian 12 sysroot to build against")
set(ENV{FOBRIG_SYSROOT} "${FOBRIG_SYSROOT}")
if(NOT FOBRIG_QEMU_ROOT)
    set(FOBRIG_QEMU_ROOT "${FOBRIG_SYSROOT}")
endif()
set(FOBRIG_QEMU_ROOT "${FOBRIG_QEMU_ROOT}" CACHE PATH "The '/' of test binaries run under qemu-user")

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_SYSROOT "${FOBRIG_SYSROOT}")

# Libraries, headers and packages come from the sysroot only, never from this amd64 machine;
# programs (pkg-config, the emulator) are the host's.
set(CMAKE_FIND_ROOT_PATH "${FOBRIG_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config (libgpiodcxx, libsystemd): only the sysroot's .pc files, with their -I and -L
# paths prefixed by the sysroot. PKG_CONFIG_LIBDIR replaces the host's default search path;
# a PKG_CONFIG_PATH from the caller's shell would add host folders back, so it goes.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${FOBRIG_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${FOBRIG_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${FOBRIG_SYSROOT}/usr/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})

# Test binaries are aarch64: gtest_discover_tests and ctest run them through qemu-user, with
# the Pi's dynamic loader and libraries from FOBRIG_QEMU_ROOT (-L).
find_program(FOBRIG_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(FOBRIG_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${FOBRIG_QEMU_AARCH64};-L;${FOBRIG_QEMU_ROOT}")
endif()
