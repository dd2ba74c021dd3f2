// SPDX-License-Identifier: GPL-3.0-or-later
// The meeting room on the GPU: builds the RoomModel for a cast in its room's layout, uploads its
// meshes once, animates the characters, and hands the renderer a DrawList each frame.
#pragma once
#include <overum/gfx/device.h>
#include <overum/gfx/draw_list.h>
#include <overum/scene/character_animation.h>
#include <overum/scene/room_model.h>

namespace overum::scene {

class MeetingRoom {
 public:
  // avatarStore: where generated characters are kept as .glb (see buildMeetingRoom); empty: not stored.
  MeetingRoom(gfx::Device& device, const std::vector<CastMember>& cast, const RoomLayout& layout,
              const std::filesystem::path& avatarStore = {});

  const gfx::DrawList& drawList() const;                                 // without the hidden figures' draws
  const gfx::DrawList& pauseDrawList() const { return pauseDrawList_; }  // the calm pause room
  const Pose& viewerHeadPose() const { return viewerHead_; }             // T_world_head of the seated citizen
  const std::vector<Character>& characters() const { return characters_; }
  int findCharacter(std::string_view id) const;  // index into characters(), -1 when absent

  // Moves every character to time t; inputs[i] belongs to characters()[i] (missing ones: at rest, looking at the
  // citizen).
  void animate(double t, const std::vector<AnimationInput>& inputs);
  const CharacterAnimator& animator(std::size_t character) const { return animators_[character]; }
  // A character left out of the picture (a replay seen from their chair) from the next animate(); shown again
  // with false.
  void setHidden(std::size_t character, bool hidden) { hidden_.at(character) = hidden; }

 private:
  gfx::GpuGeometry geometry_;
  gfx::DrawList drawList_;
  gfx::DrawList shownDrawList_;  // drawList_ less the hidden figures
  gfx::DrawList pauseDrawList_;
  Pose viewerHead_;
  std::vector<Character> characters_;
  std::vector<CharacterAnimator> animators_;
  std::vector<bool> hidden_;
};

}  // namespace overum::scene
