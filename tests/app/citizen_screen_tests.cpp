// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's screen through whole meetings: at every moment of every shipped meeting (with the
// bisidder seated), in a wide and a square window, with the largest captions and the key help on,
// no caption, card or option covers a face, no two panels overlap and everything stays in the
// window. The statement, the widest choice and the end (with and without feedback) are kept as
// reference images.
#include "citizen_screen.h"
#include "image_compare.h"
#include "meeting_fakes.h"
#include "meeting_setup.h"

#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/renderer.h>
#include <overum/speech/feedback_rules.h>
#include <overum/ui/font_atlas.h>
#include <overum/ui/overlay_layout.h>
#include <overum/ui/overlay_renderer.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

using namespace overum;
namespace fs = std::filesystem;

namespace {

// The desktop window's camera: the citizen's seated eye with the window's aspect (xr::HeadsetConfig).
gfx::View windowView(const Pose& T_world_head, glm::vec2 extent) {
  gfx::View view;
  view.viewFromWorld = T_world_head.inverse().matrix();
  view.projection = projectionFromFov(symmetricFov(1.0f, extent.x / extent.y), 0.05f, 100.0f);
  return view;
}

struct Moment {
  std::string what;  // for the failure message
  ui::OverlayContent content;
};

// Problems with one screen: a panel over a face, two panels over each other, a panel outside.
std::vector<std::string> screenProblems(const ui::OverlayMesh& mesh, const std::vector<ui::ScreenRect>& faces,
                                        glm::vec2 extent) {
  std::vector<std::string> problems;
  std::vector<ui::ScreenRect> rects;
  for (const ui::Panel& panel : mesh.panels) {
    if (panel.kind == ui::PanelKind::pause) continue;  // the calm room: nobody is there
    const ui::ScreenRect r = ui::pixelRect(panel, extent);
    const std::string name = "panel " + std::to_string(int(panel.kind)) + "/" + std::to_string(panel.index);
    for (std::size_t f = 0; f < faces.size(); ++f)
      if (r.intersects(faces[f])) problems.push_back(name + " covers face " + std::to_string(f));
    if (r.min.x < -0.5f || r.min.y < -0.5f || r.max.x > extent.x + 0.5f || r.max.y > extent.y + 0.5f)
      problems.push_back(name + " leaves the window");
    for (std::size_t other = 0; other < rects.size(); ++other)
      if (r.intersects(rects[other])) problems.push_back(name + " overlaps panel #" + std::to_string(other));
    rects.push_back(r);
  }
  return problems;
}

// Plays a meeting (the first answer each time, "færdig" at once) and collects what the citizen sees
// each time it changes, plus the end.
std::vector<Moment> playMoments(const app::MeetingPlan& plan, const app::CitizenView& view) {
  testing::FakeClock clock;
  testing::FakeSpeech speech(clock, 0.01, 0.5);
  meeting::Director director(plan.program, plan.speakers, speech);
  REQUIRE(director.start(plan.cast.start, 1, plan.variables, 0.0).empty());
  std::vector<Moment> moments;
  std::string last;
  for (int step = 0; step < 90 * 60 * 30 && director.phase() != meeting::Phase::ended; ++step) {
    clock.now += 1.0 / 30.0;
    const std::string key = std::string(meeting::phaseName(director.phase())) + "|" +
                            (director.caption() ? director.caption()->text : "") + "|" +
                            std::to_string(app::choosableOptions(director).size());
    if (key != last) {
      last = key;
      moments.push_back({key, app::citizenOverlay(director, plan, view)});
    }
    meeting::DirectorInput input;
    if (director.phase() == meeting::Phase::choosing) {
      // The widest choice first: the answer with the most cards shown is the hardest to lay out.
      input.choice = app::choosableOptions(director).back();
    }
    input.finished = director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening;
    director.update(clock.now, input);
  }
  Moment end{"end", app::citizenOverlay(director, plan, view)};
  end.content.ended = true;
  end.content.paused = true;  // the app settles into the calm room at the end (pauseFade)
  moments.push_back(end);
  return moments;
}

app::MeetingPlan planWithBisidder(const fs::path& folder) {
  app::Options options;
  options.scenario = {folder};
  options.difficulty = "neutral";
  options.bisidder = true;
  app::MeetingSetup setup = app::prepareMeeting(options, "scenarios");
  INFO(folder.string() << ": " << setup.error);
  REQUIRE(setup.plan);
  return std::move(*setup.plan);
}

}  // namespace

TEST_CASE("no caption, card or option ever covers a face, in any meeting, window or caption size") {
  gfx::Device device{gfx::DeviceConfig{false, {}}};
  const ui::FontAtlas atlas;
  for (const fs::path& folder : testing::shippedMeetings()) {
    const app::MeetingPlan plan = planWithBisidder(folder);
    const scene::MeetingRoom room(device, plan.cast.characters, plan.cast.room);
    for (const glm::vec2 extent : {glm::vec2(1280, 720), glm::vec2(1024, 768), glm::vec2(1920, 1080)}) {
      const std::vector<ui::ScreenRect> faces =
          app::facesOnScreen(room, windowView(room.viewerHeadPose(), extent), extent);
      INFO(folder.filename().string() << " at " << extent.x << "x" << extent.y);
      CHECK(faces.size() == room.characters().size());  // everyone at the table is in view, the bisidder too
      for (const auto& [size, keyHelp] :
           {std::pair{ui::CaptionSize::medium, false}, std::pair{ui::CaptionSize::large, true}}) {
        app::CitizenView view;
        view.captionSize = size;
        view.keyHelp = keyHelp;
        view.microphoneOpen = true;
        std::size_t mostCards = 0, checked = 0;
        for (Moment& moment : playMoments(plan, view)) {
          moment.content.faces = faces;
          std::set<int> reachable;  // every card can be reached: on this page or, with "Flere svar", a later one
          for (int page = 0, pages = 1; page < pages; ++page) {
            moment.content.options.page = page;
            const ui::OverlayMesh mesh = ui::layoutScreen(atlas, moment.content, extent);
            pages = mesh.optionPages;
            const auto problems = screenProblems(mesh, faces, extent);
            INFO(moment.what << " page " << page << (keyHelp ? " with key help" : "")
                             << (size == ui::CaptionSize::large ? ", large captions" : ""));
            CHECK(problems == std::vector<std::string>{});
            for (const ui::Panel& panel : mesh.panels)
              if (panel.kind == ui::PanelKind::option) reachable.insert(panel.index);
          }
          CHECK(reachable.size() == moment.content.options.cards.size());
          mostCards = std::max(mostCards, moment.content.options.cards.size());
          ++checked;
        }
        CHECK(checked > 50);
        CHECK(mostCards >= 5);  // the hard moment offers many answers
      }
    }
  }
}

TEST_CASE("the citizen's screen at the statement, the widest choice and the end matches its reference images") {
  constexpr VkExtent2D kSize{1280, 720};
  constexpr VkFormat kFormat = VK_FORMAT_R8G8B8A8_SRGB;
  const glm::vec2 extent{float(kSize.width), float(kSize.height)};
  gfx::Device device{gfx::DeviceConfig{true, {}}};
  const app::MeetingPlan plan = planWithBisidder("scenarios/behandlingsmoede");
  scene::MeetingRoom room(device, plan.cast.characters, plan.cast.room);
  const gfx::View view = windowView(room.viewerHeadPose(), extent);

  const std::vector<Moment> moments = playMoments(plan, {});
  const Moment* statement = nullptr;
  const Moment* choice = nullptr;
  for (const Moment& m : moments) {
    if (!statement && m.content.statement.visible) statement = &m;
    if (!choice || m.content.options.cards.size() > choice->content.options.cards.size()) choice = &m;
  }
  REQUIRE(statement);
  REQUIRE(choice);
  CHECK(choice->content.options.cards.size() >= 7);

  gfx::Renderer renderer(device, {1, kSize});
  gfx::OffscreenTarget target(device, kSize, 1, kFormat);
  ui::OverlayRendererConfig config;
  config.drawDirectly = false;  // OffscreenTarget allows transfers only
  ui::OverlayRenderer overlay(device, kFormat, 1, config);
  // The end as a citizen sees it after a statement in all four parts, with pauses, and short answers:
  // the rules' own choice of what went well and the one thing to try.
  Moment endWithFeedback = moments.back();
  speech::FeedbackInput measured;
  measured.partsPresented = {true, true, true, true};
  speech::TurnContext statementTurn;
  statementTurn.statement = true;
  statementTurn.measures.speakingSeconds = 40.0;
  statementTurn.measures.longestSpeechRunSeconds = 12.0;
  statementTurn.measures.pauseCount = 3;
  speech::TurnContext answer;
  answer.measures.speakingSeconds = 1.0;
  measured.turns = {statementTurn, answer, answer};
  const speech::Feedback chosen = speech::chooseFeedback(measured, 2);
  for (const speech::FeedbackRule* rule : chosen.strengths) endWithFeedback.content.wentWell.emplace_back(rule->da);
  endWithFeedback.content.tryNext = chosen.tryNext->da;
  const std::vector<std::pair<std::string, const Moment*>> shots{
      {"statement", statement}, {"choice", choice}, {"end", &moments.back()}, {"end_feedback", &endWithFeedback}};
  for (const auto& [name, moment] : shots) {
    ui::OverlayContent content = moment->content;
    content.faces = app::facesOnScreen(room, view, extent);
    renderer.render(std::span(&view, 1), content.ended ? room.pauseDrawList() : room.drawList(), target.target(), {});
    overlay.render(std::span(&view, 1), content, target.target(), {});
    const auto comparison =
        testing::compareWithReference(target.readback(), "tests/app/reference/citizen_" + name + "_1280x720.png");
    INFO(name << ": " << comparison.message);
    CHECK(comparison.matches);
  }
  CHECK(device.validationErrorCount() == 0);
}
