// SPDX-License-Identifier: GPL-3.0-or-later
// Mode choice with fallback, the meeting's frame loop, frame capture to PNG and audio to WAV.
//
// Sections: display start-up · the citizen's data · scripted and live input · the meeting · the frame loop
#include "meeting_app.h"

#include "audio_speech.h"
#include "citizen_input.h"
#include "citizen_microphone.h"
#include "citizen_records.h"
#include "citizen_screen.h"
#include "citizen_turns.h"
#include "console_host.h"
#include "console_window.h"
#include "facilitator_script.h"
#include "install_paths.h"
#include "loopback_mix.h"
#include "meeting_clock.h"
#include "meeting_replay.h"
#include "meeting_setup.h"
#include "ratings.h"
#include "render_quality.h"
#include "terminal_prompt.h"
#include "voice_timeline.h"

#include <overum/audio/audio_device.h>
#include <overum/console/timeline.h>
#include <overum/core/check.h>
#include <overum/core/log.h>
#include <overum/core/strings.h>
#include <overum/core/xdg_paths.h>
#include <overum/gfx/device.h>
#include <overum/gfx/offscreen_target.h>
#include <overum/gfx/readback.h>
#include <overum/gfx/renderer.h>
#include <overum/scene/meeting_room.h>
#include <overum/ui/overlay_layout.h>
#include <overum/ui/overlay_renderer.h>
#include <overum/ui/overlay_timing.h>
#include <overum/xr/display_clock.h>
#include <overum/xr/headset.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <future>
#include <utility>

#include <unistd.h>

namespace overum::app {
namespace {

namespace fs = std::filesystem;

// The app's rates, in one place: the mix (loopback and --audio-out), the citizen's microphone (VAD and
// the speech measures work at 16 kHz), and the headless frame step.
constexpr int kMixRate = 48000;
constexpr int kMicrophoneRate = 16000;
constexpr double kHeadlessStep = 1.0 / 90.0;
const auto kProcessStart = std::chrono::steady_clock::now();
constexpr int kSkipDwell = 1000;  // "Spring over" for the gaze dwell, which counts only cards ≥ 0

// ---- display start-up ---------------------------------------------------------------------------
// Device first, so the headset (which must release its swapchains before the device) is destroyed first.
struct Display {
  std::unique_ptr<gfx::Device> device;
  std::unique_ptr<xr::Headset> headset;
};

bool tryStart(Mode mode, const xr::HeadsetConfig& config, bool withConsole, Display& out, std::string& whyNot) {
  std::unique_ptr<xr::Headset> headset;
  switch (mode) {
    case Mode::xr: headset = xr::createOpenXrHeadset(config, whyNot); break;
    case Mode::desktop: headset = xr::createDesktopHeadset(config, whyNot); break;
    default: headset = xr::createHeadlessHeadset(config, whyNot); break;
  }
  if (!headset) return false;
  try {
    gfx::DeviceHooks hooks = headset->deviceHooks();
    // The facilitator's window beside a headset needs window surfaces on the headset's device too.
    if (withConsole && mode == Mode::xr) ConsoleWindow::addWindowNeeds(hooks);
    auto device = std::make_unique<gfx::Device>(gfx::DeviceConfig{config.validation, hooks});
    headset->start(*device);
    out.device = std::move(device);
    out.headset = std::move(headset);
    return true;
  } catch (const Error& e) {
    whyNot = e.what();
    return false;
  }
}

// Which modes to try, in order: a headset falls back to the window and then to headless, as does
// the automatic choice; a window or headless run that was asked for gets exactly that.
std::vector<Mode> candidates(Mode requested) {
  switch (requested) {
    case Mode::automatic:
    case Mode::xr: return {Mode::xr, Mode::desktop, Mode::headless};
    case Mode::desktop: return {Mode::desktop};
    case Mode::headless: return {Mode::headless};
  }
  return {};
}

std::string framePath(const fs::path& dir, std::uint64_t frame, std::uint32_t view, std::uint32_t viewCount) {
  char name[64];
  if (viewCount == 1) std::snprintf(name, sizeof name, "frame-%05llu.png", static_cast<unsigned long long>(frame));
  else
    std::snprintf(name, sizeof name, "frame-%05llu-%s.png", static_cast<unsigned long long>(frame),
                  view == 0 ? "left" : "right");
  return (dir / name).string();
}

// ---- the citizen's data -------------------------------------------------------------------------
fs::path vaultDirectory() { return resolveXdgPaths().data / "vault"; }

// Opens the citizen's records and settles consent: from --consent, else as agreed before, else asked
// on the terminal after the plain-Danish explanation (no answer: nothing is stored).
// The citizen's records, opened with the facilitator's passphrase; none, and why, when they cannot be.
std::unique_ptr<CitizenRecords> openRecords(const Options& options, std::string& error) {
  const auto passphrase = readPassphrase(options.passphraseFile, tr("data.passphrase"), error);
  if (!passphrase) return nullptr;
  auto opened = CitizenRecords::open(vaultDirectory(), options.citizen, *passphrase);
  if (!opened.records) error = opened.error;
  return std::move(opened.records);
}

std::unique_ptr<CitizenRecords> openCitizen(const Options& options, std::string& error) {
  std::unique_ptr<CitizenRecords> opened = openRecords(options, error);
  if (!opened) return nullptr;
  CitizenRecords& records = *opened;
  const session::Consent before = records.consent();
  if (options.consent) {
    session::Consent c;
    for (const std::string& item : *options.consent) {
      c.saveStatement = c.saveStatement || item == "statement";
      c.keepNotes = c.keepNotes || item == "notes";
      c.recordAudio = c.recordAudio || item == "audio";
    }
    records.setConsent(c);
  } else if (!before.saveStatement && !before.keepNotes && !before.recordAudio) {
    std::printf("\n%s\n%s\n\n", std::string(tr("console.consent.explain")).c_str(),
                format(tr("data.kept_where"), vaultDirectory().string()).c_str());
    const std::string_view yesNo = tr("data.yes_no");
    auto ask = [&](const char* key) {
      const auto answer = askTerminal(tr(key), yesNo);
      return answer ? std::optional<bool>(*answer == yesNo[0]) : std::nullopt;
    };
    const auto statement = ask("data.ask.statement");
    const auto notes = statement ? ask("data.ask.notes") : std::nullopt;
    const auto audio = notes ? ask("data.ask.audio") : std::nullopt;
    if (!audio) log::info("data", "{}", tr("data.no_answer"));
    else records.setConsent({*statement, *notes, *audio});
  }
  if (!records.problem().empty()) log::warn("data", "{}", records.problem());
  return opened;
}

// An interrupted session of this citizen: resume it, close it, or leave it for later.
std::optional<UnfinishedSession> settleUnfinished(CitizenRecords& records, const std::string& choice) {
  for (const UnfinishedSession& session : records.unfinished()) {
    std::string decision = choice;
    if (decision.empty()) {
      const std::string_view answers = tr("data.unfinished.answers");
      const auto answer = askTerminal(format(tr("data.unfinished.ask"), session.meeting, session.lastNode), answers);
      if (!answer) {
        log::info("data", "{}", tr("data.unfinished.later"));
        return std::nullopt;
      }
      decision = *answer == answers[0] ? "resume" : "close";
    }
    if (decision == "resume" && !session.checkpoint.empty()) return session;
    records.closeSession(session);
    log::info("data", "an interrupted session was closed without resuming");
  }
  return std::nullopt;
}

// The meetings a facilitator can choose in the console: the folders with a cast, the organisation's
// own first (one of theirs replaces a shipped meeting of the same name).
std::vector<console::MeetingChoice> meetingChoices() {
  std::vector<console::MeetingChoice> out;
  std::error_code ec;
  for (const fs::path& root : scenarioRoots())
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      const std::string id = entry.path().filename().string();
      if (!fs::exists(entry.path() / "cast.json") ||
          std::any_of(out.begin(), out.end(), [&](const auto& m) { return m.id == id; }))
        continue;
      const scene::CastLoad cast = scene::loadCast(entry.path() / "cast.json");
      out.push_back({id, cast.cast ? cast.cast->title : id});
    }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

// ---- scripted and live input --------------------------------------------------------------------
// Unattended runs (headless, or --choose) answer for the citizen: the scripted choices in order, then
// the first available option; the statement and open answers are "given" after a short while.
class ScriptedCitizen {
 public:
  // With a voice (--microphone-file) the citizen's turns end as a speaker's do: 2.5 s of quiet after
  // speaking (the director), or after `voiceTurnSeconds` when nothing was heard; without, after turnSeconds.
  ScriptedCitizen(std::vector<std::size_t> choices, std::vector<std::optional<int>> ratings, double turnSeconds,
                  double voiceTurnSeconds = 0.0)
      : choices_(std::move(choices)),
        ratings_(std::move(ratings)),
        turnSeconds_(turnSeconds),
        voiceTurnSeconds_(voiceTurnSeconds) {}

  // A question on the screen is answered after half a second (programSeconds: the program's clock, which runs
  // before the meeting's does), with the next scripted answer; none left: skipped.
  std::optional<std::optional<int>> rating(bool asking, double programSeconds) {
    if (!asking) {
      askedAt_.reset();
      return std::nullopt;
    }
    if (!askedAt_) askedAt_ = programSeconds;
    if (programSeconds - *askedAt_ < 0.5) return std::nullopt;
    askedAt_.reset();
    return nextRating_ < ratings_.size() ? ratings_[nextRating_++] : std::nullopt;
  }

  meeting::DirectorInput input(const meeting::Director& director, double now) {
    meeting::DirectorInput in;
    if (director.phase() != phase_) {
      phase_ = director.phase();
      phaseStart_ = now;
    }
    // A moment to read the cards, so previews show them.
    if (phase_ == meeting::Phase::choosing && now - phaseStart_ >= turnSeconds_ * 0.75) {
      const auto& options = director.options();
      if (next_ < choices_.size()) {
        in.choice = choices_[next_++] - 1;
        if (*in.choice >= options.size() || !options[*in.choice].available) {
          log::warn("meeting", "--choose: option {} is not available here ({} shown); taking the first available one",
                    *in.choice + 1, options.size());
          in.choice.reset();
        }
      }
      for (std::size_t i = 0; !in.choice && i < options.size(); ++i)
        if (options[i].available) in.choice = i;
      phase_ = meeting::Phase::notStarted;  // a new set of options may follow at once
    }
    const double turnSeconds = voiceTurnSeconds_ > 0.0 ? voiceTurnSeconds_ : turnSeconds_;
    if ((phase_ == meeting::Phase::statement || phase_ == meeting::Phase::listening) &&
        now - phaseStart_ >= turnSeconds)
      in.finished = true;
    return in;
  }

 private:
  std::vector<std::size_t> choices_;
  std::size_t next_ = 0;
  std::vector<std::optional<int>> ratings_;
  std::size_t nextRating_ = 0;
  std::optional<double> askedAt_;
  double turnSeconds_;
  double voiceTurnSeconds_;
  meeting::Phase phase_ = meeting::Phase::notStarted;
  double phaseStart_ = 0.0;
};

// What each seated character does this frame, from the director's view of them.
std::vector<scene::AnimationInput> animationInputs(const meeting::Director& director, const scene::MeetingRoom& room,
                                                   const AudioSpeech& speech, const MeetingClock& clock) {
  std::vector<scene::AnimationInput> inputs(room.characters().size());
  const glm::vec3 citizen = room.viewerHeadPose().position;
  for (const meeting::CharacterState& state : director.characters()) {
    const int index = room.findCharacter(state.id);
    if (index < 0) continue;
    scene::AnimationInput& in = inputs[std::size_t(index)];
    const scene::Character& self = room.characters()[std::size_t(index)];
    in.mood = state.mood;
    in.gesture = state.gesture;
    in.gestureStart = clock.onProgramClock(state.gestureStart);
    in.listening = state.listening;
    in.mouthOpen = state.speaking ? speech.mouthOpen() : 0.0f;
    if (state.speaking) in.visemeMouth = speech.visemeMouth();
    using Gaze = meeting::GazeTarget::Kind;
    const int other = state.lookAt.kind == Gaze::character ? room.findCharacter(state.lookAt.characterId) : -1;
    if (other >= 0) in.lookAt = room.characters()[std::size_t(other)].headPosition;
    else if (state.lookAt.kind == Gaze::table) in.lookAt = self.T_world_figure.apply({0.0f, 0.74f, 0.45f});
    else if (state.lookAt.kind == Gaze::away) in.lookAt = self.T_world_figure.apply({0.0f, 1.15f, 3.0f});
    else in.lookAt = citizen;
  }
  return inputs;
}

// The meeting as log lines, with the citizen's own words (statement, name) blanked: logs hold no
// personal data.
void blankPersonal(std::string& text, const std::vector<std::string>& personal) {
  for (const std::string& words : personal)
    for (std::size_t at = text.find(words); !words.empty() && at != std::string::npos; at = text.find(words, at + 3))
      text.replace(at, words.size(), "[…]");
}

void logMeetingEvents(std::vector<meeting::LogEntry> entries, const std::vector<std::string>& personal) {
  using Kind = meeting::LogEntry::Kind;
  for (auto& e : entries) {
    blankPersonal(e.text, personal);
    switch (e.kind) {
      case Kind::node: log::info("meeting", "node: {}", e.text); break;
      case Kind::line: log::info("meeting", "line: {}{}{}", e.who, e.who.empty() ? "" : ": ", e.text); break;
      case Kind::options: log::info("meeting", "options: {}", e.text); break;
      case Kind::choice: log::info("meeting", "select: {}", e.text); break;
      case Kind::command: log::info("meeting", "command: {}", e.text); break;
      case Kind::statement:
        log::info("meeting", "statement: {} s on the floor, {} s spoken", e.duration, e.spokenSeconds);
        break;
      case Kind::answer: log::info("meeting", "answer: {} s, {} s spoken", e.duration, e.spokenSeconds); break;
      case Kind::hint: log::info("meeting", "facilitator hint: {}", e.text); break;
      case Kind::facilitator:
        log::info("meeting", "facilitator: {}{}{}", e.who, e.who.empty() ? "" : ": ", e.text);
        break;
      case Kind::paused: log::info("meeting", "paused"); break;
      case Kind::resumed: log::info("meeting", "resumed"); break;
      case Kind::ended: log::info("meeting", "end{}{}", e.text.empty() ? "" : ": ", e.text); break;
    }
  }
}

// ---- the meeting --------------------------------------------------------------------------------
std::map<std::string, SpokenCharacter> voicesOf(const MeetingPlan& plan, const scene::MeetingRoom& room) {
  std::map<std::string, SpokenCharacter> voices;
  for (const auto& member : plan.cast.characters) {
    SpokenCharacter spoken;
    spoken.voice.variant = member.voice.variant;
    spoken.voice.pitch = member.voice.pitch;
    spoken.voice.rate = member.voice.rate;
    for (const auto& c : room.characters())
      if (c.id == member.id) spoken.mouth = c.headPosition - glm::vec3(0.0f, 0.07f, 0.0f);
    voices[member.id] = spoken;
  }
  return voices;
}

// One run of a meeting: its plan, the room with its cast, their voices and the director. Built anew
// when the facilitator starts a meeting from the console.
struct LiveMeeting {
  MeetingPlan plan;
  scene::MeetingRoom room;
  AudioSpeech speech;
  VoiceTimeline voices;  // the voices as the director hears them: live, or as a replay's track says

  LiveMeeting(MeetingPlan meetingPlan, gfx::Device& device, audio::AudioDevice* audio, audio::TextToSpeech* tts,
              const double& clock)
      : plan(std::move(meetingPlan)),
        room(device, plan.cast.characters, plan.cast.room, resolveXdgPaths().cache / "avatars"),
        // Recorded voices: assets/voices/<line id>.wav (IDs from `overum tag`, listed by `overum lines --csv`),
        // the organisation's own (`overum voices record`) before the shipped ones.
        speech(audio, tts, resolveXdgPaths().cache / "speech", voiceFolders(), voicesOf(plan, room), plan.personalTexts,
               clock),
        voices(speech) {
    freshDirector();
    speech.prepare(fixedLines(plan));
  }

  meeting::Director& director() { return *director_; }
  const meeting::Director& director() const { return *director_; }
  // A new director for the same meeting (a replay going back starts it afresh). Whoever starts it counts
  // the voices' lines from there (beginDirector, MeetingReplay).
  meeting::Director& freshDirector() {
    director_.reset();
    return director_.emplace(plan.program, plan.speakers, voices);
  }

  // The scenario's lines whose words never change (no {…}), by the id of the character saying them.
  static std::vector<std::pair<std::string, std::string>> fixedLines(const MeetingPlan& plan) {
    std::vector<std::pair<std::string, std::string>> lines;
    for (const scenario::LineInfo& line : plan.program->lines) {
      if (line.interpolations() != 0 || line.speaker.empty()) continue;
      for (const meeting::Speaker& s : plan.speakers)
        if (s.id == line.speaker || s.name == line.speaker) lines.emplace_back(s.id, line.pieces[0]);
    }
    return lines;
  }

 private:
  std::optional<meeting::Director> director_;
};

// A name as the owner of something, in Danish: "Mettes", "Lars'".
std::string possessive(const std::string& name) {
  const bool endsInS = !name.empty() && (name.back() == 's' || name.back() == 'x' || name.back() == 'z');
  return name + (endsInS ? "'" : "s");
}

// A kept meeting to play again (--replay): its track, and the citizen's recorded voice by turn.
struct ReplayMaterial {
  session::ReplayTrack track;
  std::vector<std::pair<session::ReplayRecording, audio::Pcm>> voice;
};

// The replay's chairs: the citizen's (with their head's recorded movement, or steady), then each character's.
struct ReplaySeat {
  enum class Kind : std::uint8_t { citizen, steady, character } kind = Kind::citizen;
  int character = -1;  // index into the room's characters
  bool operator==(const ReplaySeat&) const = default;
};

// The meeting a replay needs, as it was held: from the meeting's files when they are unchanged (the same
// fingerprint), else from the sealed copy kept with the session, written to a private folder for loading.
MeetingSetup meetingAsHeld(Options options, const ReplayMaterial& material, const CitizenRecords& records) {
  const session::ReplayStart& start = *material.track.start;
  for (const auto& [name, value] : start.variables)
    if (name == "bisidder") options.bisidder = value.asBool();
  options.scenario = {findMeeting(material.track.meeting)};
  MeetingSetup setup = prepareMeeting(options, shippedScenarios());
  if (setup.plan && setup.plan->scenarioHash == start.scenarioHash) return setup;
  const auto kept = records.keptScenario(start.scenarioHash);
  if (!kept) {
    setup.plan.reset();
    setup.error = format(tr("replay.scenario_changed"), material.track.meeting);
    return setup;
  }
  std::error_code ec;
  const fs::path folder =
      fs::temp_directory_path() / format("overum-replay-{}", ::getpid()) / fs::path(material.track.meeting).filename();
  fs::create_directories(folder, ec);
  fs::permissions(folder.parent_path(), fs::perms::owner_all, ec);
  for (const auto& [name, bytes] : *kept) {
    std::ofstream out(folder / fs::path(name).filename(), std::ios::binary);
    out << bytes;
  }
  options.scenario = {folder};
  setup = prepareMeeting(options, shippedScenarios());
  fs::remove_all(folder.parent_path(), ec);
  if (setup.plan && setup.plan->scenarioHash != start.scenarioHash) {
    setup.plan.reset();
    setup.error = format(tr("replay.scenario_changed"), material.track.meeting);
  }
  return setup;
}

// A kept meeting of the citizen to play again (--replay, or the console's "Se igen"): its track, the meeting as
// it was held, and their recorded voice. Only reads: off the frame thread when the console asks.
struct LoadedReplay {
  ReplayMaterial material;
  std::optional<MeetingPlan> plan;
  std::vector<std::string> warnings;
  std::string error;  // plain words; empty when it can play
};

LoadedReplay loadReplay(const CitizenRecords& records, const Options& options, const std::string& sessionId) {
  LoadedReplay out;
  const std::vector<std::string> sessions = records.sessions();
  session::ReplayTrack& track = out.material.track;
  if (sessionId == "last") {
    for (auto id = sessions.rbegin(); id != sessions.rend() && !track.start; ++id) track = records.replayTrack(*id);
  } else if (std::find(sessions.begin(), sessions.end(), sessionId) != sessions.end()) {
    track = records.replayTrack(sessionId);
  }
  if (!track.start) {
    out.error = track.problem.empty() ? format(tr("replay.no_session"), sessionId, records.citizenId())
                                      : format(tr("replay.cannot"), track.problem);
    return out;
  }
  MeetingSetup setup = meetingAsHeld(options, out.material, records);
  out.warnings = std::move(setup.warnings);
  if (!setup.plan) {
    out.error = setup.error;
    return out;
  }
  MeetingPlan& plan = *setup.plan;
  plan.variables = track.start->variables;
  for (const auto& [name, value] : plan.variables)  // the citizen's own words are never cached as speech
    if (value.type == scenario::Type::String && !value.string.empty()) plan.personalTexts.push_back(value.string);
  plan.cast.characters.push_back(scene::citizenStandIn());
  for (const session::ReplayRecording& r : track.recordings)
    if (auto pcm = records.recording(r.name)) out.material.voice.emplace_back(r, std::move(*pcm));
  out.plan = std::move(plan);
  return out;
}

// ---- the meeting app ------------------------------------------------------------------------------
// Everything one run of `overum` holds between frames, and the frame itself as named steps.
class MeetingApp {
 public:
  MeetingApp(const Options& options, Display& display, Mode mode, CitizenRecords* records,
             const std::optional<UnfinishedSession>& resuming, MeetingPlan plan,
             const ReplayMaterial* replay = nullptr);
  int run();

 private:
  // ---- the frame, step by step (hello_xr's shape: begin → input → update → draw → end, then extras)
  bool frame();
  void updateClocks(const xr::HeadsetFrame& f);
  meeting::DirectorInput runConsole(const xr::HeadsetFrame& f);
  std::vector<console::ConsoleAction> drawConsole(const xr::HeadsetFrame& f);
  void keepDirectorActions(const std::vector<console::ConsoleAction>& actions);
  CitizenIntent citizenInput(const xr::HeadsetInput& devices);
  void answerQuestions(const CitizenIntent& intent);
  meeting::DirectorInput applyCitizenInput(const CitizenIntent& intent, meeting::DirectorInput fromConsole);
  void updateMeeting(meeting::DirectorInput in);
  void followGaze(const Pose& head);
  void mixSound();
  void draw(const xr::HeadsetFrame& f, const CitizenIntent& intent);
  void captureFrame(const xr::HeadsetFrame& f, const CitizenIntent& intent);
  bool periodicCapture() const {  // headless --capture: every captureEvery-th frame
    return headless_ && !options_.captureDir.empty() && frame_ % options_.captureEvery == 0;
  }
  void afterFrame();
  int finish();
  // ---- a replay's frame: its keys, its clock, the director at its moment, the chair it is seen from
  void beginReplay(const ReplayMaterial& material, double from, const std::string& seat);
  void askForReplay(const std::string& sessionId);
  void takeLoadedReplay();
  void stopReplay();
  console::ReplayState replayState() const;
  void applyReplayAction(const console::ConsoleAction& a);
  CitizenIntent replayInput(const xr::HeadsetInput& devices);
  void updateReplay();
  void placeReplayViewer();
  void playCitizenVoice(bool seeked);
  std::string replayNote() const;
  std::vector<ReplaySeat> replaySeats()
      const;  // the chairs in the console's order: the citizen's, steady, each character's
  float recordedMouth() const;
  int recordedTurnAt(double t, double slack) const;

  // ---- the meeting's course
  void startMeeting(const std::string& node);
  void beginDirector(const std::string& node);
  void askHowUneasy();
  void resumeMeeting(const UnfinishedSession& session);
  void replaceMeeting(const MeetingStart& start);
  void rebuildMeeting(MeetingPlan plan);
  void forgetTurns();
  void showFeedback();
  void listInterrupted();
  bool asksRatings() const;

  Options options_;
  Display& display_;
  const Mode mode_;
  CitizenRecords* records_;
  const bool headless_, unattended_, worldOverlay_, loopback_;

  // The facilitator's console in its own window on the same device (declared after the display: destroyed first).
  std::unique_ptr<ConsoleWindow> consoleWindow_;
  ConsoleHost consoleHost_;
  ScriptedFacilitator scriptedFacilitator_;  // --facilitator: actions written down beforehand
  RenderQuality quality_;
  // The citizen's view for the console's mirror: a small second rendering of the scene.
  std::unique_ptr<gfx::OffscreenTarget> mirror_;
  std::unique_ptr<gfx::Renderer> mirrorRenderer_;
  const std::vector<console::MeetingChoice> meetings_;
  Preparation prep_;
  Options meetingOptions_;  // what the console's choices make of the command line
  std::vector<console::InterruptedMeeting> interrupted_;

  gfx::Renderer renderer_;
  std::unique_ptr<ui::OverlayRenderer> overlay_;  // made on the first frame, when the target's format is known
  bool showCard_ = false;  // C pressed in this phase: the cue card shown (hidden during the statement)
  meeting::Phase cardPhase_ = meeting::Phase::notStarted;
  int optionPage_ = 0;  // the page of option cards when they do not all fit
  bool keyHelp_;        // the desktop keys: on the screen from the start until 45 s into the meeting, and F1
  double keyHelpUntil_ = 0.0;
  ui::CaptionSize captionSize_ = ui::CaptionSize::medium;

  std::unique_ptr<audio::AudioDevice> audioDevice_;
  std::unique_ptr<audio::TextToSpeech> tts_;
  // Two clocks: the program's (monotonic, from the first frame: animation, fades, voices, sound) and
  // the meeting's `now` (from Start: the director, the journal, the console).
  double programNow_ = 0.0;
  MeetingClock meetingClock_;
  double now_ = 0.0;
  std::unique_ptr<LiveMeeting> live_;

  ui::PauseFade pauseFade_;
  ui::GazeDwell gazeDwell_;
  CitizenMicrophone microphone_;
  std::unique_ptr<ScriptedCitizen> scripted_;
  // The citizen's turns: measured on the speech worker, journalled with their measures (citizen_turns.h).
  std::unique_ptr<CitizenTurns> turns_;
  RatingQuestions ratings_;
  std::optional<std::size_t> spokenQuestion_;       // the question last read aloud
  std::optional<std::string> startAfterQuestions_;  // the node the meeting starts at once the citizen has answered
  bool resumeAfterQuestions_ = false;               // the meeting held for the question at the hardest moment
  bool pauseForQuestion_ = false;                   // hold the meeting on the next update, for that question
  bool askedAfter_ = false;
  std::vector<FeedbackSentence> feedback_;
  bool feedbackReady_ = false, feedbackShown_ = false;
  // With a facilitator at the console, the feedback waits for their "Vis for borgeren" (they may hide a
  // sentence first); unattended, or without a console, the citizen sees it at once.
  bool feedbackWaitsForFacilitator_ = false;
  LoopbackMix mix_;  // the sound in step with the frames; kept for --audio-out

  const std::chrono::steady_clock::time_point wallStart_ = std::chrono::steady_clock::now();
  xr::DisplayClock displayClock_;
  std::uint64_t frame_ = 0;
  std::size_t captured_ = 0;
  double endedAt_ = -1.0;
  bool over_ = false;            // the meeting has ended and its last words have faded
  std::string storageAlert_;     // the citizen's records could not be written: the console asks what to do
  bool holdForStorage_ = false;  // pause the meeting on the next update, for that question
  bool storageDecided_ = false;  // asked once: going on unrecorded is not asked again every frame
  // A pause holds the meeting in place (the facilitator's "Pause her", a disk problem, a question) or takes
  // the citizen to the calm pause room (their own P, the console's "Til pauserummet", the headset taken off).
  bool holdInPlace_ = false;
  bool citizenSpeaking_ = false;
  std::string asker_;        // the character who spoke last: the one the citizen answers
  double lastGazeAt_ = 0.0;  // program time of the last gaze sample
  xr::HeadsetStatus lastStatus_;
  bool headsetLost_ = false;
  bool quit_ = false;

  // A replay (--replay): the kept meeting driving the director, the chair, the citizen's recorded voice.
  std::unique_ptr<MeetingReplay> replay_;
  ReplayControl replayControl_;
  ReplaySeat seat_;
  int standIn_ = -1;  // the stand-in figure in the citizen's chair
  struct RecordedTurn {
    session::ReplayRecording when;
    audio::Pcm pcm;
    std::shared_ptr<audio::Sound> sound;  // the whole turn, uploaded once
  };
  std::vector<RecordedTurn> citizenVoice_;
  std::unique_ptr<audio::Voice> citizenVoiceSource_;
  int citizenTurnPlaying_ = -1;
  ReplayControl consoleReplay_;              // the console's replay buttons this frame
  std::future<LoadedReplay> replayLoading_;  // the console's "Se igen", read off the frame thread
  std::string replayProblem_;                // why the last one asked for could not play
};

MeetingApp::MeetingApp(const Options& options, Display& display, Mode mode, CitizenRecords* records,
                       const std::optional<UnfinishedSession>& resuming, MeetingPlan plan, const ReplayMaterial* replay)
    : options_(options),
      display_(display),
      mode_(mode),
      records_(records),
      headless_(mode == Mode::headless),
      unattended_(headless_ || !options.choices.empty()),
      worldOverlay_(mode == Mode::xr),
      loopback_(headless_ || !options.audioOut.empty()),
      consoleHost_([&] {
        console::ConsoleConfig config;
        config.sharedRoom = options.sharedRoom;
        config.reminderAfterSeconds = options.reminderMinutes * 60.0;
        return config;
      }()),
      // The picture's quality tier: --quality, else from the GPU and the first seconds' frame times.
      quality_(options.quality, mode, *display.device),
      meetings_(meetingChoices()),
      prep_{{}, plan.statement},
      meetingOptions_(options),
      renderer_(*display.device, {.viewCount = display.headset->viewCount(),
                                  .extent = display.headset->viewExtent(),
                                  .quality = quality_.tier()}),
      keyHelp_(mode == Mode::desktop),
      mix_(kMixRate, !options.audioOut.empty()),
      lastStatus_(display.headset->status()) {
  if (options_.console) {
    std::string whyNot;
    consoleWindow_ = ConsoleWindow::open(*display_.device, {1280, 800}, 1.0f, whyNot);
    if (consoleWindow_) log::info("console", "the facilitator's console is open in its own window");
    else log::warn("console", "no facilitator console: {}", whyNot);
  }
  feedbackWaitsForFacilitator_ = consoleWindow_ && !unattended_;
  if (!options_.facilitatorScript.empty()) {
    FacilitatorScript script = readFacilitatorScript(options_.facilitatorScript);
    if (!script.error.empty()) throw Error(script.error);
    scriptedFacilitator_ = ScriptedFacilitator(std::move(script.actions));
  }
  if (consoleWindow_) {
    const VkExtent2D view = display_.headset->viewExtent();
    const VkExtent2D small{480, std::max(1u, 480u * view.height / std::max(1u, view.width))};
    mirror_ = std::make_unique<gfx::OffscreenTarget>(*display_.device, small, 1);
    mirrorRenderer_ = std::make_unique<gfx::Renderer>(
        *display_.device, gfx::RendererConfig{.viewCount = 1, .extent = small, .quality = quality_.tier()});
  }
  prep_.setup.meetingId = meetingId(options_.scenario, shippedScenarios());
  prep_.setup.difficulty = options_.difficulty.empty() ? "stoettende" : options_.difficulty;
  prep_.setup.bisidder = options_.bisidder;
  if (records_) {
    prep_.setup.citizen = records_->citizenId();
    prep_.setup.consent = records_->consent();
  }

  // Sound: a loopback mix when nobody listens live (headless) or the mix is wanted as a file.
  std::string audioWhyNot, ttsWhyNot;
  audioDevice_ = audio::AudioDevice::open({loopback_, kMixRate, true}, audioWhyNot);
  if (!audioDevice_) log::warn("audio", "no sound: {}", audioWhyNot);
  tts_ = audio::TextToSpeech::create(ttsWhyNot);
  if (!tts_) log::warn("audio", "no synthetic voices: {}", ttsWhyNot);

  live_ = std::make_unique<LiveMeeting>(std::move(plan), *display_.device, audioDevice_.get(), tts_.get(), programNow_);
  if (audioDevice_) audioDevice_->setListener(live_->room.viewerHeadPose());
  display_.headset->setViewerPose(live_->room.viewerHeadPose());

  // The citizen's microphone, only in live meetings, or a sound file standing in for it (--microphone-file,
  // also unattended: a synthetic citizen); open only while they have the floor or choose.
  std::string micWhyNot;
  if (!replay && !microphone_.open(options_.microphoneFile, !unattended_, kMicrophoneRate, now_, micWhyNot))
    throw Error(micWhyNot);
  const double voiceSeconds = microphone_.fileSeconds();
  scripted_ = std::make_unique<ScriptedCitizen>(options_.choices, options_.ratings, 2.0,
                                                voiceSeconds > 0.0 ? voiceSeconds + 4.0 : 0.0);
  turns_ = std::make_unique<CitizenTurns>(microphone_.present());

  if (replay) {
    beginReplay(*replay, options_.replayFrom, options_.seat);
    if (!options_.captureDir.empty()) fs::create_directories(options_.captureDir);
    return;
  }
  if (resuming) resumeMeeting(*resuming);
  else if (!consoleWindow_ || unattended_) startMeeting("");
  // else the facilitator prepares with the citizen in the console and starts the meeting there
  listInterrupted();
  if (!options_.captureDir.empty()) fs::create_directories(options_.captureDir);
}

int MeetingApp::run() {
  // A scripted headless run goes on until the meeting has ended (and its last words have faded), an hour at most.
  const std::uint64_t frameLimit = options_.frames ? *options_.frames
                                   : headless_     ? std::uint64_t(3600.0 / kHeadlessStep)
                                                   : 0;
  while ((!frameLimit || frame_ < frameLimit) && frame()) ++frame_;
  return finish();
}

bool MeetingApp::frame() {
  xr::HeadsetFrame f;
  if (!display_.headset->beginFrame(f)) {
    headsetLost_ = mode_ == Mode::xr && display_.headset->status() == xr::HeadsetStatus::lost;
    return false;
  }
  // Headless frames nobody looks at are not drawn: a long scripted run stays quick.
  if (headless_) f.shouldRender = periodicCapture() || frame_ == 0;
  updateClocks(f);
  const xr::HeadsetInput devices = display_.headset->input();
  takeLoadedReplay();
  if (replay_) {  // a kept meeting played again: its own keys, the console's buttons and its clock drive the room
    runConsole(f);
    if (!replay_) return !quit_;  // the console ended it
    const CitizenIntent intent = replayInput(devices);
    updateReplay();
    mixSound();
    if (f.shouldRender) draw(f, intent);
    display_.headset->endFrame(f);
    captureFrame(f, intent);
    return !devices.quitRequested && !quit_;
  }
  const meeting::DirectorInput fromConsole = runConsole(f);  // a meeting it (re)starts is the one this frame shows
  const CitizenIntent intent = citizenInput(devices);
  answerQuestions(intent);
  updateMeeting(applyCitizenInput(intent, fromConsole));
  followGaze(devices.head);
  mixSound();
  if (f.shouldRender) draw(f, intent);
  display_.headset->endFrame(f);
  captureFrame(f, intent);
  if (devices.quitRequested) return false;
  afterFrame();
  return !quit_;
}

// ---- the frame's steps ----------------------------------------------------------------------------

void MeetingApp::updateClocks(const xr::HeadsetFrame& f) {
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart_).count();
  // A headset animates for the moment its frame will be shown (the predicted display time).
  programNow_ = headless_ ? f.displayTime : mode_ == Mode::xr ? displayClock_.update(wall, f.displayTime) : wall;
  now_ = meetingClock_.at(programNow_);
}

// The facilitator's console in its own window: its panels drawn from the meeting as it is, the clicks back.
std::vector<console::ConsoleAction> MeetingApp::drawConsole(const xr::HeadsetFrame& f) {
  const meeting::Director& director = live_->director();
  console::ConsoleInput view;
  view.stage = director.phase() == meeting::Phase::notStarted ? console::Stage::before
               : director.phase() == meeting::Phase::ended    ? console::Stage::after
                                                              : console::Stage::during;
  view.director = &director;
  view.now = now_;
  std::optional<console::ReplayState> replay;
  if (replay_) {
    replay = replayState();
    view.replay = &*replay;
    view.stage = console::Stage::after;
  }
  view.replayProblem = replayProblem_;
  view.headset = mode_ != Mode::xr                           ? console::HeadsetState::none
                 : lastStatus_ == xr::HeadsetStatus::focused ? console::HeadsetState::focused
                 : lastStatus_ == xr::HeadsetStatus::lost    ? console::HeadsetState::lost
                                                             : console::HeadsetState::notWorn;
  view.microphoneOn = microphone_.on();
  view.voiceDetected = microphone_.hearsSpeech();
  view.onHold = director.phase() == meeting::Phase::paused;
  view.answersKept = asksRatings();
  view.statement = view.stage == console::Stage::before ? &prep_.statement : &live_->plan.statement;
  view.meetings = meetings_;
  view.interrupted = interrupted_;
  view.setup = prep_.setup;
  view.storageProblem = storageAlert_;
  view.feedback = feedback_;
  view.feedbackShown = feedbackShown_;
  if (records_) view.progress = records_->progress();  // read off the frame thread (CitizenRecords::progress)
  view.mirrorAspect = float(display_.headset->viewExtent().width) / float(display_.headset->viewExtent().height);
  if (mirror_ && view.stage == console::Stage::during && !f.views.empty()) {
    // The citizen's view, small, for the console: the scene without the text layer.
    mirrorRenderer_->render({f.views.data(), 1},
                            pauseFade_.showPauseRoom() ? live_->room.pauseDrawList() : live_->room.drawList(),
                            mirror_->target(), {});
    view.mirror = true;  // only once drawn: until then the image holds nothing to copy
  }
  std::vector<console::ConsoleAction> actions;
  const bool consoleOpen = consoleWindow_->frame([&] {
    actions = consoleHost_.draw(view, programNow_);
    const auto& controls = consoleHost_.console().controls();
    if (const auto area = controls.find("mirror"); view.mirror && area != controls.end())
      consoleWindow_->showMirror(mirror_->image(), mirror_->extent(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                 area->second.x0, area->second.y0, area->second.x1, area->second.y1);
  });
  if (!consoleOpen) {
    consoleWindow_.reset();
    log::info("console", "the facilitator's console was closed; the meeting goes on");
  }
  return actions;
}

meeting::DirectorInput MeetingApp::runConsole(const xr::HeadsetFrame& f) {
  meeting::DirectorInput fromConsole;
  // A facilitator's script (--facilitator) acts as the console would, once the meeting has begun.
  std::vector<console::ConsoleAction> actions;
  if (live_->director().phase() != meeting::Phase::notStarted) actions = scriptedFacilitator_.due(now_);
  if (consoleWindow_) {
    std::vector<console::ConsoleAction> clicked = drawConsole(f);
    actions.insert(actions.end(), clicked.begin(), clicked.end());
  }
  if (actions.empty()) return fromConsole;
  using Kind = console::ConsoleAction::Kind;
  if (replay_) {  // only the replay's own controls: the kept meeting's course is not the facilitator's to change
    for (const console::ConsoleAction& a : actions)
      if (a.kind == Kind::replayControl && replay_) applyReplayAction(a);
    return fromConsole;
  }
  const meeting::Phase phase = live_->director().phase();
  for (const console::ConsoleAction& a : actions)  // between meetings only: a replay never cuts one short
    if (a.kind == Kind::startReplay && (phase == meeting::Phase::ended || phase == meeting::Phase::notStarted))
      askForReplay(a.target);
  if (records_ && live_->director().phase() != meeting::Phase::notStarted) keepDirectorActions(actions);
  if (const auto start =
          applySetupActions(consoleHost_.apply(actions, live_->director(), now_, fromConsole), prep_, records_)) {
    replaceMeeting(*start);
    fromConsole = {};
  }
  listInterrupted();
  for (const console::ConsoleAction& a : actions) {
    if (a.kind == Kind::resume || a.kind == Kind::endMeeting) storageAlert_.clear();  // go on unrecorded, or end
    if (a.kind == Kind::pause) holdInPlace_ = true;  // "Pause her": the room stays, everything holds still
    if (a.kind == Kind::pauseRoom) holdInPlace_ = false;
    if (a.kind == Kind::hideFeedback && !feedbackShown_ && a.index >= 0 && std::size_t(a.index) < feedback_.size())
      feedback_[std::size_t(a.index)].hidden = a.on;
    if (a.kind == Kind::editFeedback && !feedbackShown_ && a.index >= 0 && std::size_t(a.index) < feedback_.size() &&
        !a.text.empty())
      feedback_[std::size_t(a.index)].text = a.text;
    if (a.kind == Kind::showFeedback && feedbackReady_ && !feedbackShown_ && !ratings_.asking()) showFeedback();
    if (a.kind == Kind::askHowYouFeel) askHowUneasy();  // the hardest moment, as the facilitator sees it
  }
  return fromConsole;
}

// The facilitator's actions that change the director's course, for the replay (pauses and choices reach it
// as inputs, kept with the director's update).
void MeetingApp::keepDirectorActions(const std::vector<console::ConsoleAction>& actions) {
  using Kind = console::ConsoleAction::Kind;
  for (const console::ConsoleAction& a : actions) switch (a.kind) {
      case Kind::skipLine:
      case Kind::repeatLine:
      case Kind::jumpTo:
      case Kind::endMeeting:
      case Kind::setMood:
      case Kind::gesture:
      case Kind::setDifficulty:
      case Kind::difficultyUp:
      case Kind::difficultyDown:
      case Kind::sayLine:
        records_->keepReplayAction({now_, std::string(console::kindName(a.kind)), a.target, a.text, a.index, a.on});
        break;
      default: break;
    }
}

CitizenIntent MeetingApp::citizenInput(const xr::HeadsetInput& devices) {
  const meeting::Director& director = live_->director();
  CitizenInputContext context;
  context.phase = director.phase();
  context.choosable = choosableOptions(director).size();
  context.statementPart = turns_->statementPart();
  context.asking = ratings_.asking();
  context.highestValue = ratings_.highest();
  context.headset = worldOverlay_;
  context.layout = overlay_ ? &overlay_->lastMesh() : nullptr;
  context.extent = {float(display_.headset->viewExtent().width), float(display_.headset->viewExtent().height)};
  CitizenIntent intent = citizenIntent(devices, context);
  // Scripted answers (--rate) stand in for the citizen's.
  if (!options_.ratings.empty()) {
    if (const auto answer = scripted_->rating(ratings_.asking(), programNow_)) {
      if (*answer) intent.answer = **answer;
      else intent.skip = true;
    }
  }
  // Looking at a card or a value for two seconds in a headset without controllers chooses it.
  if (context.asking || director.phase() == meeting::Phase::choosing) {
    const int looked = gazeDwell_.update(intent.looked == ui::kSkipQuestion ? kSkipDwell : intent.looked, programNow_);
    if (context.asking && looked == kSkipDwell) intent.skip = true;
    else if (context.asking && looked >= 0 && !intent.answer) intent.answer = looked;
    if (!context.asking && looked >= 0 && std::size_t(looked) < context.choosable && !intent.card)
      intent.card = std::size_t(looked);
  } else {
    gazeDwell_.reset();
  }
  return intent;
}

void MeetingApp::answerQuestions(const CitizenIntent& intent) {
  if (!ratings_.asking()) return;
  // Each question is read aloud as it appears, in the calm voice of the app, not a character's; at the
  // hardest moment once the meeting holds (pausing stops every voice).
  if (spokenQuestion_ != ratings_.answered() && !pauseForQuestion_) {
    spokenQuestion_ = ratings_.answered();
    live_->speech.speak(meeting::Speaker{}, "", ratings_.question().text);
  }
  ratings_.step(intent.markStep);
  std::optional<Rating> rating = intent.answer    ? ratings_.answer(*intent.answer)
                                 : intent.skip    ? ratings_.skip()
                                 : intent.confirm ? ratings_.confirmMarked()
                                                  : std::nullopt;
  if (rating) {
    // The log says that the citizen answered, never what: the number is theirs, kept only in the journal.
    log::info("meeting", "question {} ({}): {}", scaleName(rating->scale), momentName(rating->moment),
              rating->value ? "answered" : "skipped");
    if (records_) records_->keepRating(*rating, now_);
  }
  if (ratings_.asking()) return;
  // All answered: the meeting starts, or goes on after the question at the hardest moment.
  if (startAfterQuestions_) beginDirector(*std::exchange(startAfterQuestions_, std::nullopt));
}

meeting::DirectorInput MeetingApp::applyCitizenInput(const CitizenIntent& intent, meeting::DirectorInput fromConsole) {
  const meeting::Director& director = live_->director();
  meeting::DirectorInput in = unattended_ ? scripted_->input(director, now_) : meeting::DirectorInput{};
  const std::vector<std::size_t> choosable = choosableOptions(director);
  if (director.phase() == meeting::Phase::choosing && !in.choice && intent.card && *intent.card < choosable.size())
    in.choice = choosable[*intent.card];
  if (intent.nextPage) ++optionPage_;
  if (director.phase() != meeting::Phase::choosing) optionPage_ = 0;
  if (fromConsole.choice) in.choice = fromConsole.choice;
  in.finished = in.finished || fromConsole.finished || intent.finished;
  if (intent.nextPart) turns_->nextPart(director.phase(), now_);
  // C shows the cue card, or hides it during the statement; each phase starts with its own default.
  if (director.phase() != cardPhase_) {
    cardPhase_ = director.phase();
    if (cardPhase_ != meeting::Phase::paused) showCard_ = false;
  }
  if (intent.toggleCard) showCard_ = !showCard_;
  if (intent.toggleHelp) keyHelp_ = !keyHelp_;
  if (keyHelp_ && keyHelpUntil_ > 0.0 && programNow_ > keyHelpUntil_) keyHelp_ = false, keyHelpUntil_ = 0.0;
  if (intent.captionStep != 0) captionSize_ = ui::CaptionSize(std::clamp(int(captionSize_) + intent.captionStep, 0, 2));

  const bool paused = director.phase() == meeting::Phase::paused;
  if (std::exchange(pauseForQuestion_, false) && !paused && director.phase() != meeting::Phase::notStarted) {
    fromConsole.pause = true;  // the meeting holds in place while the citizen answers
    holdInPlace_ = resumeAfterQuestions_ = true;
  }
  if (holdForStorage_ && !paused) holdInPlace_ = true;
  if (intent.pause) holdInPlace_ = false;  // the citizen's own pause: to the calm room
  in.pause = (intent.pause && !paused) || fromConsole.pause || (std::exchange(holdForStorage_, false) && !paused);
  in.resume = (intent.pause && paused) || fromConsole.resume;
  if (resumeAfterQuestions_ && !ratings_.asking() && paused) {
    in.resume = true;
    resumeAfterQuestions_ = false;
  }
  // Taking the headset off (or the runtime taking focus away) pauses the meeting; it waits there.
  const xr::HeadsetStatus status = display_.headset->status();
  if (mode_ == Mode::xr && lastStatus_ == xr::HeadsetStatus::focused && status != xr::HeadsetStatus::focused &&
      !paused) {
    in.pause = true;
    holdInPlace_ = false;
  }
  lastStatus_ = status;
  return in;
}

void MeetingApp::updateMeeting(meeting::DirectorInput in) {
  meeting::Director& director = live_->director();
  // Open while the citizen has the floor, and while they choose: they may answer out loud, and the
  // facilitator picks the option that fits (the console says when they are speaking).
  const bool listen = director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening ||
                      director.phase() == meeting::Phase::choosing;
  microphone_.update(listen, records_, *turns_, now_);
  citizenSpeaking_ = microphone_.hearsSpeech();
  in.citizenSpeaking = citizenSpeaking_;
  // What the director hears of the voices this frame, and what it is given: kept for the replay.
  const std::optional<std::size_t> lineDone = live_->voices.sample(now_);
  if (records_ && director.phase() != meeting::Phase::notStarted) {
    if (lineDone) records_->keepLineDone(*lineDone, now_);
    records_->keepVoiceHeard(citizenSpeaking_, now_);
    if (in.choice || in.finished || in.pause || in.resume)
      records_->keepReplayInput({now_, in.choice, in.finished, in.pause, in.resume});
  }
  director.update(now_, in);
  live_->speech.update(headless_);  // a line the director asked for starts once synthesised
  const std::vector<meeting::LogEntry> entries = director.takeLog();
  if (consoleWindow_) consoleHost_.record(entries);
  logMeetingEvents(entries, live_->plan.personalTexts);
  // A new turn of the citizen: the microphone starts afresh with it (a file plays from its start).
  if (turns_->afterUpdate(entries, director.phase(), now_, live_->speech.busy(), hardestMoment(director)))
    microphone_.restartTurn();
  // <<uro>>: the scenario asks how uneasy the citizen is at its hardest moment.
  for (const meeting::LogEntry& e : entries)
    if (e.kind == meeting::LogEntry::Kind::command && e.text == "uro") askHowUneasy();
  turns_->settle(false, records_, director);
  live_->room.animate(programNow_, animationInputs(director, live_->room, live_->speech, meetingClock_));
  if (director.phase() == meeting::Phase::ended && endedAt_ < 0.0) endedAt_ = now_;
  // Once the last words have been said (and a moment after), the calm room says the meeting is over.
  over_ =
      director.phase() == meeting::Phase::ended && endedAt_ >= 0.0 && now_ - endedAt_ >= 1.5 && !live_->speech.busy();
  if (over_ && !askedAfter_ && asksRatings()) {
    askedAfter_ = true;
    ratings_.ask(questionsAfter(mode_ == Mode::xr), Moment::after);
  }
  if (director.phase() != meeting::Phase::paused) holdInPlace_ = false;
  pauseFade_.update((director.phase() == meeting::Phase::paused && !holdInPlace_) || over_, programNow_);
}

// Eye contact as the device can know it: whether the head (headset) or the view (window) is turned to
// the one who asked, within the cone the eyes cover without turning the head.
void MeetingApp::followGaze(const Pose& head) {
  constexpr float kGazeConeDegrees = 15.0f;
  for (const meeting::CharacterState& c : live_->director().characters())
    if (c.speaking) asker_ = c.id;
  const double seconds = programNow_ - std::exchange(lastGazeAt_, programNow_);
  const meeting::Phase phase = live_->director().phase();
  if (records_ && phase != meeting::Phase::notStarted && phase != meeting::Phase::ended)
    records_->keepHeadPose(head, now_);
  const int index = live_->room.findCharacter(asker_);
  if (headless_ || index < 0) return;  // nobody looks at a headless run
  const glm::vec3 toFace = live_->room.characters()[std::size_t(index)].headPosition - head.position;
  const glm::vec3 forward = head.orientation * glm::vec3(0, 0, -1);
  const bool atAsker = glm::dot(glm::normalize(toFace), forward) >= std::cos(glm::radians(kGazeConeDegrees));
  turns_->look(atAsker, seconds, worldOverlay_);
}

void MeetingApp::mixSound() {
  if (!audioDevice_) return;
  // A pause silences the room; a question read aloud during it is heard.
  audioDevice_->setMasterGain(live_->director().phase() == meeting::Phase::paused && !ratings_.asking() ? 0.0f : 1.0f);
  if (!loopback_) return;
  mix_.renderUntil(*audioDevice_, programNow_ + (headless_ ? kHeadlessStep : 0.0));  // to this frame's end
}

void MeetingApp::draw(const xr::HeadsetFrame& f, const CitizenIntent& intent) {
  if (!overlay_) overlay_ = std::make_unique<ui::OverlayRenderer>(*display_.device, f.target.format, f.target.layers);
  const meeting::Director& director = live_->director();
  scene::MeetingRoom& room = live_->room;
  // The scene first, then the text layer on top; the overlay's submission signals the frame.
  renderer_.render(f.views, pauseFade_.showPauseRoom() ? room.pauseDrawList() : room.drawList(), f.target,
                   {f.sync.waitSemaphore, VK_NULL_HANDLE, VK_NULL_HANDLE});
  CitizenView view;
  view.headset = worldOverlay_;
  view.showCard = showCard_;
  view.keyHelp = keyHelp_;
  view.held = holdInPlace_ && !pauseFade_.showPauseRoom();
  view.captionSize = captionSize_;
  view.microphoneOpen = microphone_.on();
  view.voiceDetected = citizenSpeaking_;
  view.optionPage = optionPage_ % std::max(1, overlay_->lastMesh().optionPages);
  view.statementPart = turns_->statementPart();
  ui::OverlayContent content = citizenOverlay(director, live_->plan, view);
  const glm::vec2 extent{float(display_.headset->viewExtent().width), float(display_.headset->viewExtent().height)};
  if (!worldOverlay_ && !f.views.empty()) content.faces = facesOnScreen(room, f.views[0], extent);
  content.paused = pauseFade_.showPauseRoom();
  content.ended = over_;
  if (over_ && feedbackShown_)
    for (const FeedbackSentence& sentence : feedback_) {
      if (sentence.hidden) continue;
      if (sentence.tryNext) content.tryNext = sentence.text;
      else content.wentWell.push_back(sentence.text);
    }
  content.fade = pauseFade_.veil();
  const int dwelled = gazeDwell_.card() == kSkipDwell ? ui::kSkipQuestion : gazeDwell_.card();
  int marked = dwelled != -1 ? dwelled : intent.pointed;
  if (replay_) {
    content.note = replayNote();
    content.keyHelp = false;
    content.microphone = {};
    // The card the citizen chose, lit for the moment before they chose it (as shown: only the available ones).
    const std::vector<std::size_t> shown = choosableOptions(director);
    if (const auto chosen = replay_->choiceAhead(now_))
      if (const auto at = std::find(shown.begin(), shown.end(), *chosen); at != shown.end())
        marked = int(at - shown.begin());
  }
  if (ratings_.asking()) {
    content.question = ratings_.question();
    if (marked == ui::kSkipQuestion) content.question.skipMarked = true;
    else if (marked >= 0) content.question.marked = marked;
    content.question.dwell = gazeDwell_.progress();
  }
  content.options.highlighted = marked;
  content.options.dwell = gazeDwell_.progress();
  overlay_->render(f.views, content, f.target, {VK_NULL_HANDLE, f.sync.signalSemaphore, f.sync.fence});
  quality_.frameDrawn(renderer_, mirrorRenderer_.get());
}

void MeetingApp::captureFrame(const xr::HeadsetFrame& f, const CitizenIntent& intent) {
  if (frame_ == 0)
    log::info("app", "first frame after {} ms",
              std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - kProcessStart)
                  .count());
  if (intent.capture && !display_.headset->lastFrame() && !f.views.empty()) {
    // A window's image belongs to the compositor once presented: draw this view once more offscreen.
    const fs::path dir = options_.captureDir.empty() ? picturesFolder() : options_.captureDir;
    fs::create_directories(dir);
    gfx::OffscreenTarget shot(*display_.device, display_.headset->viewExtent(), 1);
    renderer_.render({f.views.data(), 1}, live_->room.drawList(), shot.target(), {});
    gfx::writePng(framePath(dir, frame_, 0, 1), shot.readback());
    log::info("app", tr("app.headless.wrote"), fs::absolute(dir).string());
  }
  if (options_.captureDir.empty() || !f.shouldRender || !(periodicCapture() || intent.capture)) return;
  if (const gfx::RenderTarget* shown = display_.headset->lastFrame()) {
    for (std::uint32_t view = 0; view < shown->layers; ++view) {
      const gfx::ImageRGBA8 image =
          gfx::readbackImage(*display_.device, shown->image, shown->format, shown->extent, view, shown->finalLayout);
      gfx::writePng(framePath(options_.captureDir, frame_, view, shown->layers), image);
      ++captured_;
    }
  }
}

void MeetingApp::afterFrame() {
  // Once the last turn's measures are in (and the citizen has said how they feel): the feedback, from
  // the measured turns only (no microphone, no measures: the end screen stays as it was, and the
  // journal closes at once).
  if (endedAt_ >= 0.0 && !feedbackReady_ && turns_->settled()) {
    feedbackReady_ = true;
    if (!turns_->measuredTurns().turns.empty()) feedback_ = feedbackSentences(turns_->measuredTurns());
  }
  if (feedbackReady_ && !feedbackShown_ && !ratings_.asking() && (askedAfter_ || !asksRatings()) &&
      (feedback_.empty() || !feedbackWaitsForFacilitator_))
    showFeedback();
  if (records_ && !records_->problem().empty()) {
    log::error("data", "{}", records_->problem());  // plain words about the disk or a file, never the citizen's text
    // With a facilitator at the console, the meeting waits for their choice to go on unrecorded.
    if (records_->somethingNotKept() && consoleWindow_ && storageAlert_.empty() && !storageDecided_) {
      storageAlert_ = records_->problem();
      holdForStorage_ = storageDecided_ = true;
    }
    records_->clearProblem();
  }
  // An unattended run stops once the end is shown: its last frames are the calm room's "Mødet er slut".
  if (unattended_ && !options_.frames && over_ && feedbackShown_ && pauseFade_.showPauseRoom()) quit_ = true;
}

// ---- a replay's frame -----------------------------------------------------------------------------

// The director follows the kept meeting in the room just built for it; the citizen's voice comes from its
// recordings. `seat`: citizen, steady or a character's id.
void MeetingApp::beginReplay(const ReplayMaterial& material, double from, const std::string& seat) {
  replay_ = std::make_unique<MeetingReplay>(material.track, live_->voices,
                                            [this]() -> meeting::Director& { return live_->freshDirector(); });
  replay_->step(programNow_, {});
  ReplayControl start;
  start.seekBy = from;
  replay_->step(programNow_, start);
  standIn_ = live_->room.findCharacter(scene::citizenStandIn().id);
  seat_ = {};
  if (seat == "steady") seat_.kind = ReplaySeat::Kind::steady;
  else if (seat != "citizen") {
    seat_ = {ReplaySeat::Kind::character, live_->room.findCharacter(seat)};
    if (seat_.character < 0 || seat_.character == standIn_) {
      log::warn("replay", "--seat {}: no such character in this meeting; watching from the citizen's chair", seat);
      seat_ = {};
    }
  }
  citizenVoice_.clear();
  for (const auto& [when, pcm] : material.voice)
    citizenVoice_.push_back({when, pcm, audioDevice_ ? audioDevice_->upload(pcm) : nullptr});
  if (audioDevice_) citizenVoiceSource_ = audioDevice_->createVoice();
  citizenTurnPlaying_ = -1;
  endedAt_ = -1.0;
  scriptedFacilitator_.restart();  // a facilitator's script goes on on the replay's clock
  log::info("replay", "{} s of the meeting, {} recorded turn(s) of the citizen's voice",
            std::lround(material.track.endTime), material.voice.size());
}

// The console's "Se igen": the session is read on its own thread; once read, the room is built for it.
void MeetingApp::askForReplay(const std::string& sessionId) {
  if (!records_ || replayLoading_.valid()) return;
  replayProblem_.clear();
  // The meeting just held closes first (its feedback, if not shown yet, is not kept: the citizen did not
  // see it), so nothing is written to the records while they are read.
  records_->endSession(now_, endedAt_ >= 0.0 ? "the meeting ended" : "a replay was started before the meeting");
  const CitizenRecords& records = *records_;
  replayLoading_ = std::async(std::launch::async, [&records, options = meetingOptions_, sessionId] {
    return loadReplay(records, options, sessionId);
  });
}

void MeetingApp::takeLoadedReplay() {
  if (!replayLoading_.valid() || replayLoading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  LoadedReplay loaded = replayLoading_.get();
  for (const auto& warning : loaded.warnings) log::warn("meeting", "{}", warning);
  if (!loaded.plan) {
    replayProblem_ = loaded.error;
    log::warn("replay", "{}", loaded.error);
    return;
  }
  forgetTurns();
  rebuildMeeting(std::move(*loaded.plan));
  beginReplay(loaded.material, 0.0, "citizen");
}

// Back from a replay to preparing the next meeting: the last meeting's room, not started.
void MeetingApp::stopReplay() {
  replay_.reset();
  citizenVoiceSource_.reset();
  citizenVoice_.clear();
  MeetingSetup next = prepareMeeting(meetingOptions_, shippedScenarios(), &prep_.statement);
  if (!next.plan) {
    log::error("meeting", "{}", next.error);
    quit_ = true;
    return;
  }
  rebuildMeeting(std::move(*next.plan));
  display_.headset->setViewerPose(live_->room.viewerHeadPose());
  if (audioDevice_) audioDevice_->setListener(live_->room.viewerHeadPose());
  consoleHost_.restart();
  endedAt_ = -1.0;
  over_ = holdInPlace_ = false;
  feedbackShown_ = false;
}

// What the console's replay controls and the chairs it offers look like now.
console::ReplayState MeetingApp::replayState() const {
  console::ReplayState r;
  r.playing = replay_->playing();
  r.now = replay_->now();
  r.duration = replay_->duration();
  r.speed = replay_->speedIndex();
  for (const ReplaySeat& seat : replaySeats()) {
    if (seat == seat_) r.seat = int(r.seats.size());
    r.seats.push_back(seat.kind == ReplaySeat::Kind::citizen ? std::string(tr("console.replay.seat.citizen"))
                      : seat.kind == ReplaySeat::Kind::steady
                          ? std::string(tr("console.replay.seat.steady"))
                          : format(tr("console.replay.seat.character"),
                                   possessive(live_->room.characters()[std::size_t(seat.character)].name)));
  }
  r.problem = replay_->track().problem;
  return r;
}

// The console's replay buttons, as the replay's keys would be.
void MeetingApp::applyReplayAction(const console::ConsoleAction& a) {
  if (a.text == "play") consoleReplay_.playPause = true;
  if (a.text == "back") consoleReplay_.seekBy -= MeetingReplay::kSeekSeconds;
  if (a.text == "forward") consoleReplay_.seekBy += MeetingReplay::kSeekSeconds;
  if (a.text == "next") consoleReplay_.nextMark = true;
  if (a.text == "at" && a.index >= 0) consoleReplay_.seekBy = double(a.index) - replay_->now();  // the last one wins
  if (a.text == "speed" && a.index >= 0) consoleReplay_.speedStep = a.index - replay_->speedIndex();
  if (a.text == "seat" && a.index >= 0) {
    const std::vector<ReplaySeat> seats = replaySeats();
    seat_ = std::size_t(a.index) < seats.size() ? seats[std::size_t(a.index)] : ReplaySeat{};
  }
  if (a.text == "stop") stopReplay();
}

CitizenIntent MeetingApp::replayInput(const xr::HeadsetInput& devices) {
  replayControl_ = replayControl(devices);
  // The console's buttons count as the keys.
  const ReplayControl console = std::exchange(consoleReplay_, {});
  replayControl_.playPause = replayControl_.playPause != console.playPause;
  replayControl_.seekBy += console.seekBy;
  replayControl_.speedStep += console.speedStep;
  replayControl_.nextMark = replayControl_.nextMark || console.nextMark;
  CitizenIntent intent;
  intent.capture = replayControl_.capture;
  return intent;
}

void MeetingApp::updateReplay() {
  const double before = replay_->now();
  const bool wasPlaying = replay_->playing();
  now_ = replay_->step(programNow_, replayControl_);
  const bool seeked = replayControl_.seekBy != 0.0 || replayControl_.nextMark || now_ < before;
  // What the viewer asked for, in the log (times and chairs only).
  if (replayControl_.playPause) log::info("replay", "{} at {} s", replay_->playing() ? "playing" : "paused", now_);
  if (replayControl_.speedStep != 0) log::info("replay", "speed {}", replay_->speed());
  // A seek, a pause or another speed: the voices stop (at another speed the captions carry the words).
  if (seeked || (wasPlaying && !replay_->playing()) || replayControl_.speedStep != 0) live_->speech.stop();
  if (replayControl_.nextSeat) {  // the next chair, round to the citizen's again
    const std::vector<ReplaySeat> seats = replaySeats();
    const auto at = std::find(seats.begin(), seats.end(), seat_);
    seat_ = at == seats.end() || at + 1 == seats.end() ? seats.front() : *(at + 1);
    log::info("replay", "seen from {}",
              seat_.kind == ReplaySeat::Kind::character ? live_->room.characters()[std::size_t(seat_.character)].id
              : seat_.kind == ReplaySeat::Kind::steady  ? std::string("the citizen's chair, steady")
                                                        : std::string("the citizen's chair"));
  }
  meetingClock_.start(programNow_ - now_);  // the room animates on the program's clock, the director on the replay's
  live_->voices.setSilent(replay_->speed() != 1.0 || !replay_->playing());
  const auto seekStart = std::chrono::steady_clock::now();
  std::vector<meeting::LogEntry> entries = replay_->advanceTo(now_);
  if (replayControl_.seekBy != 0.0 || replayControl_.nextMark)
    log::info("replay", "moved to {} s (the meeting run to there in {} ms)", now_,
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - seekStart).count());
  for (meeting::LogEntry& e : entries)  // when each line is said again, for comparing with the journal
    if (e.kind == meeting::LogEntry::Kind::line || e.kind == meeting::LogEntry::Kind::facilitator) {
      blankPersonal(e.text, live_->plan.personalTexts);
      char time[32];
      std::snprintf(time, sizeof time, "%.4f", e.time);
      log::info("replay", "{} at {} s: {}{}{}", e.kind == meeting::LogEntry::Kind::line ? "line" : "facilitator", time,
                e.who, e.who.empty() ? "" : ": ", e.text);
    }
  live_->speech.update(headless_);
  const meeting::Director& director = live_->director();
  std::vector<scene::AnimationInput> inputs = animationInputs(director, live_->room, live_->speech, meetingClock_);
  playCitizenVoice(seeked);
  if (standIn_ >= 0) {  // the stand-in looks where the citizen looked, and speaks when they spoke
    scene::AnimationInput& self = inputs[std::size_t(standIn_)];
    const Pose head = replay_->head(now_).value_or(live_->room.viewerHeadPose());
    self.lookAt = head.position + head.orientation * glm::vec3(0.0f, 0.0f, -2.0f);
    self.mouthOpen = recordedMouth();
    live_->room.setHidden(std::size_t(standIn_), seat_.kind != ReplaySeat::Kind::character);
  }
  for (std::size_t i = 0; i < live_->room.characters().size(); ++i)
    if (int(i) != standIn_)
      live_->room.setHidden(i, seat_.kind == ReplaySeat::Kind::character && seat_.character == int(i));
  live_->room.animate(programNow_, inputs);
  placeReplayViewer();
  if (director.phase() == meeting::Phase::ended && endedAt_ < 0.0) endedAt_ = now_;
  if (director.phase() != meeting::Phase::ended) endedAt_ = -1.0;
  over_ = endedAt_ >= 0.0 && now_ - endedAt_ >= 1.5;
  holdInPlace_ = true;  // a pause in the kept meeting shows the room held, not the pause room
  pauseFade_.update(over_, programNow_);
  // An unattended replay (headless) ends with the kept meeting.
  if (unattended_ && !options_.frames && now_ >= replay_->duration()) quit_ = true;
}

// The viewer in the chosen chair: the citizen's (their recorded head in a window; in a headset the wearer's
// own head moves the view, so it stays steady there), or a character's, looking at the citizen's chair.
void MeetingApp::placeReplayViewer() {
  const scene::MeetingRoom& room = live_->room;
  Pose viewer = room.viewerHeadPose();
  if (seat_.kind == ReplaySeat::Kind::citizen && mode_ != Mode::xr) viewer = replay_->head(now_).value_or(viewer);
  if (seat_.kind == ReplaySeat::Kind::character) {
    const glm::vec3 eye = room.characters()[std::size_t(seat_.character)].headPosition;
    const glm::vec3 toCitizen = room.viewerHeadPose().position - glm::vec3(0.0f, 0.1f, 0.0f) - eye;
    viewer.position = eye;
    viewer.orientation = glm::quatLookAt(glm::normalize(toCitizen), glm::vec3(0, 1, 0));
  }
  display_.headset->setViewerPose(viewer);
  if (audioDevice_) audioDevice_->setListener(viewer);
}

// The citizen's recorded turns, heard at the moments they were spoken (from their chair), at ×1 only.
void MeetingApp::playCitizenVoice(bool seeked) {
  constexpr double kTurnStartSlack = 0.002;  // a turn that begins within 2 ms starts on this frame
  if (!citizenVoiceSource_) return;
  const bool hearing = replay_->playing() && replay_->speed() == 1.0;
  const int due = recordedTurnAt(now_, kTurnStartSlack);
  if (!hearing || due != citizenTurnPlaying_ || seeked) {
    citizenVoiceSource_->stop();
    citizenTurnPlaying_ = -1;
  }
  if (!hearing || due < 0 || citizenTurnPlaying_ == due) return;
  RecordedTurn& turn = citizenVoice_[std::size_t(due)];
  const double into = now_ - turn.when.start;
  // Joined after its first sample (a seek, or the frame after it began): from that moment on, as a clip of its own.
  std::shared_ptr<audio::Sound> sound = turn.sound;
  if (into > 0.5 / turn.pcm.sampleRate) {
    audio::Pcm rest{turn.pcm.sampleRate, {}};
    const auto from = std::min(turn.pcm.samples.size(), std::size_t(into * turn.pcm.sampleRate));
    rest.samples.assign(turn.pcm.samples.begin() + std::ptrdiff_t(from), turn.pcm.samples.end());
    if (rest.samples.empty()) return;
    sound = audioDevice_->upload(rest);
  }
  if (!sound) return;
  citizenVoiceSource_->setPosition(live_->room.viewerHeadPose().position - glm::vec3(0.0f, 0.07f, 0.0f));
  citizenVoiceSource_->play(sound);
  citizenTurnPlaying_ = due;
}

// The citizen's recorded turn that sounds at t (one beginning within `slack` counts), the last that does; -1 none.
int MeetingApp::recordedTurnAt(double t, double slack) const {
  int at = -1;
  for (std::size_t i = 0; i < citizenVoice_.size(); ++i) {
    const session::ReplayRecording& when = citizenVoice_[i].when;
    if (t >= when.start - slack && t < when.start + when.seconds) at = int(i);
  }
  return at;
}

// How open the stand-in's mouth is: the loudness of the citizen's recorded voice now (its last 40 ms), or,
// without a recording, half open while their voice was heard.
float MeetingApp::recordedMouth() const {
  if (const int at = recordedTurnAt(now_, 0.0); at >= 0) {
    const RecordedTurn& turn = citizenVoice_[std::size_t(at)];
    const double into = now_ - turn.when.start;
    const auto end = std::min(turn.pcm.samples.size(), std::size_t(into * turn.pcm.sampleRate));
    const auto begin = end - std::min(end, std::size_t(0.04 * turn.pcm.sampleRate));
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i) sum += double(turn.pcm.samples[i]) * double(turn.pcm.samples[i]);
    const double rms = end > begin ? std::sqrt(sum / double(end - begin)) : 0.0;
    return float(std::clamp(rms / 4000.0, 0.0, 1.0));  // speech at a normal level (about -18 dBFS) opens it fully
  }
  return replay_->citizenSpeaking(now_) ? 0.5f : 0.0f;
}

std::vector<ReplaySeat> MeetingApp::replaySeats() const {
  std::vector<ReplaySeat> seats{{ReplaySeat::Kind::citizen, -1}, {ReplaySeat::Kind::steady, -1}};
  for (int i = 0; i < int(live_->room.characters().size()); ++i)
    if (i != standIn_) seats.push_back({ReplaySeat::Kind::character, i});
  return seats;
}

// Where the replay is, in the citizen's words: "Genafspilning 02:15 af 12:40 · hastighed 1 · fra din stol".
std::string MeetingApp::replayNote() const {
  std::string seat =
      std::string(tr(seat_.kind == ReplaySeat::Kind::steady ? "replay.seat.steady" : "replay.seat.citizen"));
  if (seat_.kind == ReplaySeat::Kind::character) {
    seat = format(tr("replay.seat.character"), possessive(live_->room.characters()[std::size_t(seat_.character)].name));
  }
  return format(tr(replay_->playing() ? "replay.playing" : "replay.paused"), console::clockText(now_),
                console::clockText(replay_->duration()), format("{}", replay_->speed()), seat);
}

// ---- the meeting's course -------------------------------------------------------------------------

// The how-do-you-feel questions are asked when the answers are kept (a journal is open), of a citizen
// at the table, or of an unattended run that has answers to give (--rate).
bool MeetingApp::asksRatings() const {
  return records_ && records_->sessionOpen() && (!unattended_ || !options_.ratings.empty());
}

// (Re)starts the meeting from a node ("" = the scenario's start), in a new journal session; the
// citizen first says how they feel, when they are asked.
void MeetingApp::startMeeting(const std::string& node) {
  forgetTurns();
  if (records_) records_->endSession(now_, "started again");
  if (keyHelp_ && keyHelpUntil_ == 0.0) keyHelpUntil_ = programNow_ + 45.0;
  meetingClock_.start(programNow_);
  now_ = 0.0;
  consoleHost_.restart();
  askedAfter_ = false;
  ratings_.clear();
  spokenQuestion_.reset();
  if (records_) {
    records_->keepStatement(live_->plan.statement);
    records_->beginSession(meetingId(meetingOptions_.scenario, shippedScenarios()), now_,
                           meetingOptions_.difficulty.empty() ? "stoettende" : meetingOptions_.difficulty);
  }
  if (asksRatings()) {
    ratings_.ask(questionsBefore(), Moment::before);
    startAfterQuestions_ = node;
  } else {
    beginDirector(node);
  }
}

// SUDS at the hardest moment (the facilitator's button, the scenario's <<uro>>), when answers are kept.
void MeetingApp::askHowUneasy() {
  if (!asksRatings() || ratings_.asking() || live_->director().phase() == meeting::Phase::ended) return;
  ratings_.ask({Scale::suds}, Moment::hardest);
  pauseForQuestion_ = true;
}

void MeetingApp::beginDirector(const std::string& node) {
  const MeetingPlan& plan = live_->plan;
  const session::ReplayStart start{now_,
                                   node.empty() ? plan.cast.start : node,
                                   options_.seed,
                                   plan.scenarioHash,
                                   meetingId(meetingOptions_.scenario, shippedScenarios()),
                                   plan.variables};
  live_->voices.restart();
  for (const auto& problem : live_->director().start(start.node, start.seed, start.variables, now_))
    log::warn("meeting", "{}", problem);
  if (records_) records_->keepReplayStart(start, plan.sourceFiles);
}

// Continues an interrupted meeting at the node it had reached, in its own journal.
void MeetingApp::resumeMeeting(const UnfinishedSession& session) {
  meetingClock_.start(programNow_);
  now_ = 0.0;
  if (live_->director().resumeFrom(session.checkpoint, now_)) {
    records_->continueSession(session, now_);
    log::info("meeting", "resumed an interrupted meeting at {}", live_->director().currentNode());
    return;
  }
  log::warn("data", "the interrupted meeting could not be resumed (its scenario has changed since); it starts over");
  records_->closeSession(session);
  startMeeting("");
}

// A new room, cast, voices and director for a plan, in place of the meeting there was.
void MeetingApp::rebuildMeeting(MeetingPlan plan) {
  vkDeviceWaitIdle(display_.device->device());  // earlier frames may still read the old room
  live_.reset();                                // its voices and GPU resources go before the new ones are made
  live_ = std::make_unique<LiveMeeting>(std::move(plan), *display_.device, audioDevice_.get(), tts_.get(), programNow_);
}

// The facilitator started a meeting from the console: a new room, cast and director for it.
void MeetingApp::replaceMeeting(const MeetingStart& start) {
  if (start.resume) prep_.setup.meetingId = start.resume->meeting;
  meetingOptions_.scenario = {findMeeting(prep_.setup.meetingId)};
  meetingOptions_.difficulty = prep_.setup.difficulty;
  meetingOptions_.bisidder = prep_.setup.bisidder;
  MeetingSetup next = prepareMeeting(meetingOptions_, shippedScenarios(), &prep_.statement);
  for (const auto& warning : next.warnings) log::warn("meeting", "{}", warning);
  if (!next.plan) {
    log::error("meeting", "{}", next.error);
    return;
  }
  rebuildMeeting(std::move(*next.plan));
  if (start.resume) resumeMeeting(*start.resume);
  else startMeeting(start.node);
  endedAt_ = -1.0;
}

// A new run of the meeting (the console's restart): a turn left open is dropped, the journal gets what
// was held (waiting for the worker here is a one-off at a restart, never in a running meeting).
void MeetingApp::forgetTurns() {
  turns_->dropOpenTurn();
  turns_->settle(true, records_, live_->director());
  turns_->reset();
  feedback_.clear();
  feedbackReady_ = feedbackShown_ = false;
}

// The feedback goes to the citizen's end screen, and the sentences shown into the journal, which closes then.
void MeetingApp::showFeedback() {
  feedbackShown_ = true;
  if (records_) {
    records_->keepFeedback(feedback_, now_);
    records_->endSession(now_, "the meeting ended");
  }
}

// Interrupted meetings the console offers to continue or close.
void MeetingApp::listInterrupted() {
  interrupted_.clear();
  if (records_ && consoleWindow_ && live_->director().phase() == meeting::Phase::notStarted)
    for (const UnfinishedSession& u : records_->unfinished()) {
      const auto known =
          std::find_if(meetings_.begin(), meetings_.end(), [&](const auto& m) { return m.id == u.meeting; });
      interrupted_.push_back({u.id, known != meetings_.end() ? known->title : u.meeting, u.lastNode});
    }
}

int MeetingApp::finish() {
  if (captured_ > 0) log::info("app", tr("app.headless.wrote"), fs::absolute(options_.captureDir).string());
  if (!options_.audioOut.empty()) {
    if (audioDevice_) {
      audio::writeWav(options_.audioOut, mix_.kept());
      log::info("audio", "wrote {} s of the meeting's sound to {}", double(mix_.renderedFrames()) / kMixRate,
                fs::absolute(options_.audioOut).string());
    } else {
      log::warn("audio", "--audio-out: no audio device, nothing written");
    }
  }
  meeting::Director& director = live_->director();
  if (headsetLost_ && director.phase() != meeting::Phase::ended) {
    // The runtime or the headset went away mid-meeting: the meeting pauses where it was and its
    // journal stays open for resuming (--unfinished resume, or the console's offer) instead of ending.
    meeting::DirectorInput pause;
    pause.pause = director.phase() != meeting::Phase::paused;
    director.update(now_, pause);
    const std::vector<meeting::LogEntry> entries = director.takeLog();
    turns_->hold(entries);
    turns_->dropOpenTurn();  // the turn goes on after resuming: its audio so far is not a whole turn
    turns_->settle(true, records_, director);
    logMeetingEvents(entries, live_->plan.personalTexts);
    log::warn("app", "the headset was lost: the meeting is paused{}",
              records_ && records_->sessionOpen() ? " and can be resumed" : "");
    if (records_) records_->suspendSession(now_, "the headset was lost");
  }
  // What the worker still has goes into the journal; an ended meeting's feedback that the facilitator
  // never showed is not kept (the citizen did not see it).
  turns_->dropOpenTurn();
  turns_->settle(true, records_, director);
  if (records_)
    records_->endSession(now_, endedAt_ >= 0.0 && director.phase() == meeting::Phase::ended
                                   ? "the meeting ended"
                                   : "the program was closed before the meeting ended");
  if (unattended_ && director.phase() != meeting::Phase::ended && !options_.frames)
    log::warn("meeting", "the meeting had not ended after {} frames", frame_);
  if (options_.validation && display_.device->validationErrorCount() > 0) {
    log::error("app", "{} Vulkan validation error(s)", display_.device->validationErrorCount());
    return 1;
  }
  if (records_ && records_->somethingNotKept()) {
    log::error("data", "{}", tr("vault.meeting_not_kept"));
    return kExitNotKept;
  }
  return 0;
}

}  // namespace

// ---- set-up -------------------------------------------------------------------------------------
int runMeeting(const Options& requested) {
  Options options = requested;
  // The OpenXR loader, ALSA and Mesa talk on stderr while Øverum looks for a headset, a screen and
  // sound; a user at a terminal sees only Øverum's own lines, in their language.
  const fs::path libraryLog = resolveXdgPaths().state / "overum.log";
  const bool libraryOutputKept = log::keepLibraryOutputIn(libraryLog);

  // The citizen's data first: a wrong passphrase stops here, before anything is shown.
  std::unique_ptr<CitizenRecords> records;
  std::optional<UnfinishedSession> resuming;
  std::optional<session::Statement> storedStatement;
  if (!options.citizen.empty() && options.replay.empty()) {
    std::string error;
    records = openCitizen(options, error);
    if (!records) {
      log::error("data", "{}", error);
      return 1;
    }
    // With the console, an interrupted meeting is offered there instead of on the terminal.
    if (!options.console || !options.unfinished.empty()) resuming = settleUnfinished(*records, options.unfinished);
    if (resuming) options.scenario = {findMeeting(resuming->meeting)};
    if (const auto example = exampleStatement(shippedScenarios())) records->setSampleStatement(*example);
    std::string problem;
    if (options.statement.empty()) storedStatement = records->storedStatement(problem);
    if (!problem.empty()) log::warn("data", "{}", problem);
  }

  MeetingSetup setup;
  std::optional<ReplayMaterial> replay;
  if (!options.replay.empty()) {
    std::string error;
    const std::unique_ptr<CitizenRecords> opened = openRecords(options, error);
    LoadedReplay loaded = opened ? loadReplay(*opened, options, options.replay) : LoadedReplay{{}, {}, {}, error};
    if (!loaded.plan) {
      log::error("replay", "{}", loaded.error);
      return 1;
    }
    if (!loaded.material.track.problem.empty()) log::warn("replay", "{}", loaded.material.track.problem);
    setup.plan = std::move(loaded.plan);
    setup.warnings = std::move(loaded.warnings);
    replay = std::move(loaded.material);
  } else {
    setup = prepareMeeting(options, shippedScenarios(), storedStatement ? &*storedStatement : nullptr);
  }
  for (const auto& warning : setup.warnings) log::warn("meeting", "{}", warning);
  if (!setup.plan) {
    log::error("meeting", "{}", setup.error);
    return 1;
  }

  xr::HeadsetConfig config;
  config.size = {options.size.width, options.size.height};
  config.validation = options.validation;
  config.windowTitle = std::string(tr("app.title"));
  config.fixedStep = kHeadlessStep;

  Display display;
  Mode mode = Mode::headless;
  std::string whyNot;
  const auto modes = candidates(options.mode);
  for (std::size_t i = 0; i < modes.size(); ++i) {
    if (tryStart(modes[i], config, options.console, display, whyNot)) {
      mode = modes[i];
      break;
    }
    if (i + 1 < modes.size())
      log::warn("app", tr(modes[i + 1] == Mode::desktop ? "app.fallback.desktop" : "app.fallback.headless"), whyNot);
  }
  if (!display.headset) {
    log::error("app", "{}: {}", tr("app.cannot_start"), whyNot);
    return 1;
  }
  if (mode == Mode::headless && !options.frames && options.choices.empty() && options.audioOut.empty() && !replay) {
    // A headless run without a script is a preview: it ends by itself and leaves pictures to look at.
    options.frames = 30;
    if (options.captureDir.empty() && options.mode != Mode::headless) {
      options.captureDir = picturesFolder();
      options.captureEvery = 10;
    }
  }
  log::debug("app", "mode {}, {} view(s) of {}x{}", display.headset->name(), display.headset->viewCount(),
             display.headset->viewExtent().width, display.headset->viewExtent().height);
  if (mode == Mode::xr) log::info("app", "{}", tr("app.mode.xr"));
  if (mode == Mode::desktop) log::info("app", "{}", tr("app.mode.desktop"));
  if (libraryOutputKept) log::info("app", tr("app.library_log"), libraryLog.string());

  try {
    MeetingApp app(options, display, mode, records.get(), resuming, std::move(*setup.plan),
                   replay ? &*replay : nullptr);
    return app.run();
  } catch (const Error& e) {  // what the meeting cannot start without (a --microphone-file that cannot be read)
    log::error("app", "{}", e.what());
    return 1;
  }
}

}  // namespace overum::app
