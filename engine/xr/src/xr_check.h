// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: OVERUM_XR(call) turns a failed OpenXR call into overum::Error naming the call, the
// XrResult by name and file:line; xrResultName works without an instance (unlike xrResultToString).
#pragma once
#include <openxr/openxr.h>
#include <overum/core/check.h>

namespace overum::xr {

const char* xrResultName(XrResult result);

// A zeroed OpenXR struct with its type set: `XrFoo x{XR_TYPE_FOO}` trips -Wmissing-field-initializers.
template <typename T>
T xrStruct(XrStructureType type) {
  T value{};
  value.type = type;
  return value;
}

// Thrown for XR_ERROR_SESSION_LOST / XR_ERROR_INSTANCE_LOST so the frame loop can recover.
class XrLost : public Error {
 public:
  XrLost(const std::string& what, XrResult result) : Error(what), result(result) {}
  XrResult result;
};

[[noreturn]] void failXr(const char* call, XrResult result, const char* file, int line);

}  // namespace overum::xr

#define OVERUM_XR(call)                                                                                   \
  do {                                                                                                    \
    const XrResult overum_xr_result_ = (call);                                                            \
    if (XR_FAILED(overum_xr_result_)) ::overum::xr::failXr(#call, overum_xr_result_, __FILE__, __LINE__); \
  } while (false)
