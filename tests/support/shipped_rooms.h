// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped room layouts (scenarios/rooms/*.json) for tests and benchmarks, which run in the
// source folder; a layout that does not load throws with the reader's message.
#pragma once
#include <overum/scene/room_layout.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace overum::testing {

inline const char* kShippedRooms = "scenarios/rooms";

inline scene::RoomLayout shippedRoom(const std::string& kind) {
  scene::RoomLayoutLoad load = scene::loadRoomLayout(scene::roomLayoutFile(kShippedRooms, kind));
  if (!load.layout) throw std::runtime_error(load.error);
  return std::move(*load.layout);
}

// The job centre's meeting room: the room of the default meeting and of the older reference images.
inline scene::RoomLayout jobCentreRoom() { return shippedRoom("jobcenter_moedelokale"); }

}  // namespace overum::testing
