// SPDX-License-Identifier: GPL-3.0-or-later
// Compiles Catch2's precompiled header (see tests/CMakeLists.txt); every test executable reuses it.
#include <catch2/catch.hpp>
