// SPDX-License-Identifier: GPL-3.0-or-later
// Uploads the room once (mesh indices in the RoomModel become GpuGeometry ids) and moves the
// characters' parts each frame.
#include <overum/scene/meeting_room.h>

#include <algorithm>

namespace overum::scene {

MeetingRoom::MeetingRoom(gfx::Device& device, const std::vector<CastMember>& cast, const RoomLayout& layout,
                         const std::filesystem::path& avatarStore) {
  RoomModel room = buildMeetingRoom(cast, layout, avatarStore);
  RoomModel pause = buildPauseRoom();
  std::vector<std::uint32_t> meshIds, pauseMeshIds;
  for (const gfx::MeshData& mesh : room.meshes) meshIds.push_back(geometry_.add(mesh));
  for (const gfx::MeshData& mesh : pause.meshes) pauseMeshIds.push_back(geometry_.add(mesh));
  geometry_.upload(device);
  for (gfx::Draw& draw : pause.draws) draw.mesh = pauseMeshIds[draw.mesh];
  pauseDrawList_.geometry = &geometry_;
  pauseDrawList_.materials = std::move(pause.materials);
  pauseDrawList_.draws = std::move(pause.draws);
  pauseDrawList_.lighting = pause.lighting;
  pauseDrawList_.clearColor = pause.clearColor;
  for (gfx::Draw& draw : room.draws) draw.mesh = meshIds[draw.mesh];
  for (Character& character : room.characters) character.mesh = meshIds[character.mesh];

  drawList_.geometry = &geometry_;
  drawList_.materials = std::move(room.materials);
  drawList_.draws = std::move(room.draws);
  drawList_.lighting = room.lighting;
  drawList_.clearColor = room.clearColor;
  viewerHead_ = room.viewerHead;
  characters_ = std::move(room.characters);
  for (std::size_t i = 0; i < characters_.size(); ++i) {
    animators_.emplace_back(*characters_[i].model, characters_[i].T_world_figure, i + 1);
    // A listener glances at the citizen and the others now and then.
    std::vector<glm::vec3> others{viewerHead_.position};
    for (std::size_t k = 0; k < characters_.size(); ++k)
      if (k != i) others.push_back(characters_[k].headPosition);
    animators_.back().setGlanceTargets(std::move(others));
  }
  hidden_.assign(characters_.size(), false);
  shownDrawList_ = drawList_;  // its draws are chosen anew by animate() while a figure is hidden
}

int MeetingRoom::findCharacter(std::string_view id) const {
  for (std::size_t i = 0; i < characters_.size(); ++i)
    if (characters_[i].id == id) return int(i);
  return -1;
}

void MeetingRoom::animate(double t, const std::vector<AnimationInput>& inputs) {
  // Each figure is one skinned draw: its joints' skinning matrices go into the list, one block each.
  drawList_.joints.clear();
  for (std::size_t i = 0; i < characters_.size(); ++i) {
    AnimationInput resting;
    resting.lookAt = viewerHead_.position;
    const std::vector<glm::mat4>& skin = animators_[i].update(t, i < inputs.size() ? inputs[i] : resting);
    gfx::Draw& draw = drawList_.draws[characters_[i].draw];
    draw.firstJoint = std::int32_t(drawList_.joints.size());
    drawList_.joints.insert(drawList_.joints.end(), skin.begin(), skin.end());
  }
  // A hidden figure's draw is left out of what is drawn (it counts against the per-view budget).
  if (std::find(hidden_.begin(), hidden_.end(), true) == hidden_.end()) return;
  std::vector<bool> drop(drawList_.draws.size(), false);
  for (std::size_t i = 0; i < characters_.size(); ++i)
    if (hidden_[i]) drop[characters_[i].draw] = true;
  shownDrawList_.draws.clear();
  for (std::size_t d = 0; d < drawList_.draws.size(); ++d)
    if (!drop[d]) shownDrawList_.draws.push_back(drawList_.draws[d]);
  shownDrawList_.joints = drawList_.joints;
}

const gfx::DrawList& MeetingRoom::drawList() const {
  return std::find(hidden_.begin(), hidden_.end(), true) == hidden_.end() ? drawList_ : shownDrawList_;
}

}  // namespace overum::scene
