// SPDX-License-Identifier: GPL-3.0-or-later
// Names for XrResult values and the failure path of OVERUM_XR (see xr_check.h).
#include "xr_check.h"

#include <openxr/openxr_reflection.h>

namespace overum::xr {

const char* xrResultName(XrResult result) {
  switch (result) {
#define OVERUM_XR_RESULT_CASE(name, value) \
  case name: return #name;
    XR_LIST_ENUM_XrResult(OVERUM_XR_RESULT_CASE)
#undef OVERUM_XR_RESULT_CASE
        default : return "XrResult (unknown)";
  }
}

void failXr(const char* call, XrResult result, const char* file, int line) {
  const std::string what = format("{} failed: {} ({}:{})", call, xrResultName(result), file, line);
  if (result == XR_ERROR_SESSION_LOST || result == XR_ERROR_INSTANCE_LOST) throw XrLost(what, result);
  throw Error(what);
}

}  // namespace overum::xr
