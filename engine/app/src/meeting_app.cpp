// SPDX-License-Identifier: GPL-3.0-or-later
// Mode choice with fallback, the meeting's frame loop, frame capture to PNG and audio to WAV.
//
// Sections: display start-up · the citizen's data · scripted and live input · the meeting · the frame loop
#include "meeting_app.h"

#include "audio_speech.h"
#include "citizen_records.h"
#include "citizen_screen.h"
#include "console_host.h"
#include "console_window.h"
#include "install_paths.h"
#include "meeting_clock.h"
#include "meeting_setup.h"
#include "render_quality.h"
#include "citizen_turns.h"
#include "terminal_prompt.h"

#include <overum/audio/audio_device.h>
#include <overum/audio/microphone.h>
#include <overum/audio/voice_activity.h>
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
#include <cstdio>
#include <functional>
#include <utility>

namespace overum::app {
namespace {

namespace fs = std::filesystem;

// The app's rates, in one place: the mix (loopback and --audio-out), the citizen's microphone (VAD and
// the speech measures work at 16 kHz), and the headless frame step.
constexpr int kMixRate = 48000;
constexpr int kMicrophoneRate = 16000;
constexpr double kHeadlessStep = 1.0 / 90.0;
const auto kProcessStart = std::chrono::steady_clock::now();

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
  else std::snprintf(name, sizeof name, "frame-%05llu-%s.png", static_cast<unsigned long long>(frame), view == 0 ? "left" : "right");
  return (dir / name).string();
}


// ---- the citizen's data -------------------------------------------------------------------------
fs::path vaultDirectory() { return resolveXdgPaths().data / "vault"; }

// Opens the citizen's records and settles consent: from --consent, else as agreed before, else asked
// on the terminal after the plain-Danish explanation (no answer: nothing is stored).
std::unique_ptr<CitizenRecords> openCitizen(const Options& options, std::string& error) {
  const auto passphrase = readPassphrase(options.passphraseFile, tr("data.passphrase"), error);
  if (!passphrase) return nullptr;
  auto opened = CitizenRecords::open(vaultDirectory(), options.citizen, *passphrase);
  if (!opened.records) {
    error = opened.error;
    return nullptr;
  }
  CitizenRecords& records = *opened.records;
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
  return std::move(opened.records);
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
  ScriptedCitizen(std::vector<std::size_t> choices, double turnSeconds, double voiceTurnSeconds = 0.0)
      : choices_(std::move(choices)), turnSeconds_(turnSeconds), voiceTurnSeconds_(voiceTurnSeconds) {}

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
    if ((phase_ == meeting::Phase::statement || phase_ == meeting::Phase::listening) && now - phaseStart_ >= turnSeconds)
      in.finished = true;
    return in;
  }

 private:
  std::vector<std::size_t> choices_;
  std::size_t next_ = 0;
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
    const int other = room.findCharacter(state.lookAt);
    if (other >= 0) in.lookAt = room.characters()[std::size_t(other)].headPosition;
    else if (state.lookAt == "bord") in.lookAt = self.T_world_figure.apply({0.0f, 0.74f, 0.45f});
    else if (state.lookAt == "ingen") in.lookAt = self.T_world_figure.apply({0.0f, 1.15f, 3.0f});
    else in.lookAt = citizen;
  }
  return inputs;
}

// The meeting as log lines, with the citizen's own words (statement, name) blanked: logs hold no
// personal data.
void logMeetingEvents(std::vector<meeting::LogEntry> entries, const std::vector<std::string>& personal) {
  using Kind = meeting::LogEntry::Kind;
  for (auto& e : entries) {
    for (const std::string& words : personal)
      for (std::size_t at = e.text.find(words); !words.empty() && at != std::string::npos; at = e.text.find(words, at + 3))
        e.text.replace(at, words.size(), "[…]");
    switch (e.kind) {
      case Kind::node: log::info("meeting", "node: {}", e.text); break;
      case Kind::line: log::info("meeting", "line: {}{}{}", e.who, e.who.empty() ? "" : ": ", e.text); break;
      case Kind::options: log::info("meeting", "options: {}", e.text); break;
      case Kind::choice: log::info("meeting", "select: {}", e.text); break;
      case Kind::command: log::info("meeting", "command: {}", e.text); break;
      case Kind::statement: log::info("meeting", "statement: {} s on the floor, {} s spoken", e.duration, e.spokenSeconds); break;
      case Kind::answer: log::info("meeting", "answer: {} s, {} s spoken", e.duration, e.spokenSeconds); break;
      case Kind::hint: log::info("meeting", "facilitator hint: {}", e.text); break;
      case Kind::facilitator: log::info("meeting", "facilitator: {}{}{}", e.who, e.who.empty() ? "" : ": ", e.text); break;
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
  meeting::Director director;

  LiveMeeting(MeetingPlan meetingPlan, gfx::Device& device, audio::AudioDevice* audio, audio::TextToSpeech* tts,
              const double& clock)
      : plan(std::move(meetingPlan)),
        room(device, plan.cast.characters, resolveXdgPaths().cache / "avatars"),
        // Recorded voices: assets/voices/<line id>.wav (IDs from `overum tag`, listed by `overum lines --csv`).
        speech(audio, tts, resolveXdgPaths().cache / "speech", shippedData() / "assets" / "voices", voicesOf(plan, room),
               plan.personalTexts, clock),
        director(plan.program, plan.speakers, speech) {
    speech.prepare(fixedLines(plan));
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
};

}  // namespace

// ---- the frame loop -----------------------------------------------------------------------------
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
  if (!options.citizen.empty()) {
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

  MeetingSetup setup = prepareMeeting(options, shippedScenarios(), storedStatement ? &*storedStatement : nullptr);
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
  const bool headless = mode == Mode::headless;
  const bool unattended = headless || !options.choices.empty();
  if (headless && !options.frames && options.choices.empty() && options.audioOut.empty()) {
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

  // The facilitator's console in its own window on the same device. It must go before the desktop
  // headset (which ends GLFW): declared after the display, it is destroyed first.
  std::unique_ptr<ConsoleWindow> consoleWindow;
  if (options.console) {
    std::string consoleWhyNot;
    consoleWindow = ConsoleWindow::open(*display.device, {1280, 800}, 1.0f, consoleWhyNot);
    if (consoleWindow) log::info("console", "the facilitator's console is open in its own window");
    else log::warn("console", "no facilitator console: {}", consoleWhyNot);
  }
  console::ConsoleConfig consoleConfig;
  consoleConfig.sharedRoom = options.sharedRoom;
  consoleConfig.reminderAfterSeconds = options.reminderMinutes * 60.0;
  ConsoleHost consoleHost(consoleConfig);
  // The picture's quality tier: --quality, else from the GPU and the first seconds' frame times.
  RenderQuality quality(options.quality, mode, *display.device);
  // The citizen's view for the console's mirror: a small second rendering of the scene.
  std::unique_ptr<gfx::OffscreenTarget> mirror;
  std::unique_ptr<gfx::Renderer> mirrorRenderer;
  if (consoleWindow) {
    const VkExtent2D view = display.headset->viewExtent();
    const VkExtent2D small{480, std::max(1u, 480u * view.height / std::max(1u, view.width))};
    mirror = std::make_unique<gfx::OffscreenTarget>(*display.device, small, 1);
    mirrorRenderer = std::make_unique<gfx::Renderer>(*display.device, gfx::RendererConfig{.viewCount = 1, .extent = small, .quality = quality.tier()});
  }
  const std::vector<console::MeetingChoice> meetings = meetingChoices();
  Preparation prep{{}, setup.plan->statement};
  Options meetingOptions = options;  // what the console's choices make of the command line
  prep.setup.meetingId = meetingId(options.scenario, shippedScenarios());
  prep.setup.difficulty = options.difficulty.empty() ? "stoettende" : options.difficulty;
  prep.setup.bisidder = options.bisidder;
  if (records) {
    prep.setup.citizen = records->citizenId();
    prep.setup.consent = records->consent();
  }

  gfx::Renderer renderer(*display.device, {.viewCount = display.headset->viewCount(),
                                           .extent = display.headset->viewExtent(), .quality = quality.tier()});
  std::unique_ptr<ui::OverlayRenderer> overlay;  // made on the first frame, when the target's format is known
  const bool worldOverlay = mode == Mode::xr;
  bool showCard = false;  // C pressed in this phase: the cue card shown (hidden during the statement)
  meeting::Phase cardPhase = meeting::Phase::notStarted;
  int optionPage = 0;     // the page of option cards when they do not all fit
  // The desktop keys: on the screen from the start until 45 s into the meeting, and with F1.
  bool keyHelp = mode == Mode::desktop;
  double keyHelpUntil = 0.0;
  ui::CaptionSize captionSize = ui::CaptionSize::medium;

  // Sound: a loopback mix when nobody listens live (headless) or the mix is wanted as a file.
  const bool loopback = headless || !options.audioOut.empty();
  std::string audioWhyNot, ttsWhyNot;
  auto audioDevice = audio::AudioDevice::open({loopback, kMixRate, true}, audioWhyNot);
  if (!audioDevice) log::warn("audio", "no sound: {}", audioWhyNot);
  auto tts = audio::TextToSpeech::create(ttsWhyNot);
  if (!tts) log::warn("audio", "no synthetic voices: {}", ttsWhyNot);
  // Two clocks: the program's (monotonic, from the first frame: animation, fades, voices, sound) and
  // the meeting's `now` (from Start: the director, the journal, the console).
  double programNow = 0.0;
  MeetingClock meetingClock;
  double now = 0.0;

  auto live = std::make_unique<LiveMeeting>(std::move(*setup.plan), *display.device, audioDevice.get(), tts.get(),
                                            programNow);
  if (audioDevice) audioDevice->setListener(live->room.viewerHeadPose());
  display.headset->setViewerPose(live->room.viewerHeadPose());
  // (Re)starts the meeting from a node ("" = the scenario's start), in a new journal session.
  std::function<void()> forgetTurns;  // set once the turn state exists (below)
  auto startMeeting = [&](const std::string& node) {
    if (forgetTurns) forgetTurns();
    if (records) records->endSession(now, "started again");
    if (keyHelp && keyHelpUntil == 0.0) keyHelpUntil = programNow + 45.0;
    meetingClock.start(programNow);
    now = 0.0;
    for (const auto& problem : live->director.start(node.empty() ? live->plan.cast.start : node, options.seed,
                                                    live->plan.variables, now))
      log::warn("meeting", "{}", problem);
    consoleHost.restart();
    if (records) {
      records->keepStatement(live->plan.statement);
      records->beginSession(meetingId(meetingOptions.scenario, shippedScenarios()), now);
    }
  };
  // Continues an interrupted meeting at the node it had reached, in its own journal.
  auto resumeMeeting = [&](const UnfinishedSession& session) {
    meetingClock.start(programNow);
    now = 0.0;
    if (live->director.resumeFrom(session.checkpoint, now)) {
      records->continueSession(session, now);
      log::info("meeting", "resumed an interrupted meeting at {}", live->director.currentNode());
      return;
    }
    log::warn("data", "the interrupted meeting could not be resumed (its scenario has changed since); it starts over");
    records->closeSession(session);
    startMeeting("");
  };
  if (resuming) resumeMeeting(*resuming);
  else if (!consoleWindow || unattended) startMeeting("");
  // else the facilitator prepares with the citizen in the console and starts the meeting there
  // Interrupted meetings the console offers to continue or close.
  std::vector<console::InterruptedMeeting> interrupted;
  auto listInterrupted = [&] {
    interrupted.clear();
    if (records && consoleWindow && live->director.phase() == meeting::Phase::notStarted)
      for (const UnfinishedSession& u : records->unfinished()) {
        const auto known = std::find_if(meetings.begin(), meetings.end(), [&](const auto& m) { return m.id == u.meeting; });
        interrupted.push_back({u.id, known != meetings.end() ? known->title : u.meeting, u.lastNode});
      }
  };
  listInterrupted();
  ui::PauseFade pauseFade;
  ui::GazeDwell gazeDwell;

  // The citizen's microphone, only in live meetings, or a sound file standing in for it (--microphone-file,
  // also unattended: a synthetic citizen); open only while they have the floor or choose.
  std::unique_ptr<audio::Microphone> microphone;
  audio::VoiceActivityDetector voiceActivity;
  audio::Pcm turnAudio{kMicrophoneRate, {}};  // the citizen's current turn, when they agreed to a recording
  double voiceSeconds = 0.0;        // the --microphone-file's length
  if (!options.microphoneFile.empty()) {
    std::string micWhyNot;
    microphone = audio::Microphone::openFile(options.microphoneFile, kMicrophoneRate, now, micWhyNot);
    if (!microphone) {
      log::error("audio", "{}", micWhyNot);
      return 1;
    }
    voiceSeconds = microphone->fileSeconds();
  } else if (!unattended) {
    std::string micWhyNot;
    microphone = audio::Microphone::open(kMicrophoneRate, micWhyNot);
    if (!microphone) log::warn("audio", "{}", micWhyNot);
  }
  ScriptedCitizen citizen(options.choices, 2.0, voiceSeconds > 0.0 ? voiceSeconds + 4.0 : 0.0);

  // The citizen's turns: measured on the speech worker, journalled with their measures (citizen_turns.h).
  CitizenTurns turns(microphone != nullptr);
  std::vector<FeedbackSentence> feedback;
  bool feedbackReady = false, feedbackShown = false;
  // With a facilitator at the console, the feedback waits for their "Vis for borgeren" (they may hide a
  // sentence first); unattended, or without a console, the citizen sees it at once.
  const bool feedbackWaitsForFacilitator = consoleWindow && !unattended;
  // A new run of the meeting (the console's restart): a turn left open is dropped, the journal gets what
  // was held (waiting for the worker here is a one-off at a restart, never in a running meeting).
  forgetTurns = [&] {
    turns.dropOpenTurn();
    turns.settle(true, records.get(), live->director);
    turns.reset();
    feedback.clear();
    feedbackReady = feedbackShown = false;
  };
  // The feedback goes to the citizen's end screen, and the sentences shown into the journal, which closes then.
  auto showFeedback = [&] {
    feedbackShown = true;
    if (records) {
      records->keepFeedback(feedback, now);
      records->endSession(now, "the meeting ended");
    }
  };
  audio::Frames mix;             // the sound written by --audio-out
  std::uint64_t mixedFrames = 0;  // stereo frames rendered so far

  if (!options.captureDir.empty()) fs::create_directories(options.captureDir);
  const auto wallStart = std::chrono::steady_clock::now();
  xr::DisplayClock displayClock;
  std::uint64_t frame = 0;
  std::size_t captured = 0;
  double endedAt = -1.0;
  std::string storageAlert;      // the citizen's records could not be written: the console asks what to do
  bool holdForStorage = false;   // pause the meeting on the next update, for that question
  bool storageDecided = false;   // asked once: going on unrecorded is not asked again every frame
  // A pause holds the meeting in place (the facilitator's "Pause her", a disk problem) or takes the
  // citizen to the calm pause room (their own P, the console's "Til pauserummet", the headset taken off).
  bool holdInPlace = false;
  xr::HeadsetStatus lastStatus = display.headset->status();
  // A scripted headless run goes on until the meeting has ended (and its last words have faded), an hour at most.
  const std::uint64_t frameLimit = options.frames ? *options.frames : headless ? std::uint64_t(3600.0 / kHeadlessStep) : 0;
  bool headsetLost = false;
  while (!frameLimit || frame < frameLimit) {
    xr::HeadsetFrame f;
    if (!display.headset->beginFrame(f)) {
      headsetLost = mode == Mode::xr && display.headset->status() == xr::HeadsetStatus::lost;
      break;
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    // A headset animates for the moment its frame will be shown (the predicted display time).
    programNow = headless ? f.displayTime : mode == Mode::xr ? displayClock.update(wall, f.displayTime) : wall;
    now = meetingClock.at(programNow);
    const xr::HeadsetInput input = display.headset->input();

    // The facilitator's console first: a meeting it (re)starts is the one this frame shows.
    meeting::DirectorInput fromConsole;
    if (consoleWindow) {
      const meeting::Director& director = live->director;
      console::ConsoleInput view;
      view.stage = director.phase() == meeting::Phase::notStarted ? console::Stage::before
                   : director.phase() == meeting::Phase::ended    ? console::Stage::after
                                                                  : console::Stage::during;
      view.director = &director;
      view.now = now;
      view.headset = mode != Mode::xr                                ? console::HeadsetState::none
                     : lastStatus == xr::HeadsetStatus::focused ? console::HeadsetState::focused
                     : lastStatus == xr::HeadsetStatus::lost    ? console::HeadsetState::lost
                                                                : console::HeadsetState::notWorn;
      view.microphoneOn = microphone && microphone->active();
      view.voiceDetected = view.microphoneOn && voiceActivity.speaking();
      view.onHold = director.phase() == meeting::Phase::paused;
      view.statement = view.stage == console::Stage::before ? &prep.statement : &live->plan.statement;
      view.meetings = meetings;
      view.interrupted = interrupted;
      view.setup = prep.setup;
      view.storageProblem = storageAlert;
      std::vector<console::FeedbackLine> feedbackLines;
      for (const FeedbackSentence& sentence : feedback) feedbackLines.push_back({sentence.text, sentence.tryNext, sentence.hidden});
      view.feedback = feedbackLines;
      view.feedbackShown = feedbackShown;
      if (records) view.progress = records->progress();  // read off the frame thread (CitizenRecords::progress)
      view.mirrorAspect = float(display.headset->viewExtent().width) / float(display.headset->viewExtent().height);
      if (mirror && view.stage == console::Stage::during && !f.views.empty()) {
        // The citizen's view, small, for the console: the scene without the text layer.
        mirrorRenderer->render({f.views.data(), 1},
                               pauseFade.showPauseRoom() ? live->room.pauseDrawList() : live->room.drawList(),
                               mirror->target(), {});
        view.mirror = true;  // only once drawn: until then the image holds nothing to copy
      }
      std::vector<console::ConsoleAction> actions;
      const bool consoleOpen = consoleWindow->frame([&] {
        actions = consoleHost.draw(view, programNow);
        const auto& controls = consoleHost.console().controls();
        if (const auto area = controls.find("mirror"); view.mirror && area != controls.end())
          consoleWindow->showMirror(mirror->image(), mirror->extent(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                    area->second.x0, area->second.y0, area->second.x1, area->second.y1);
      });
      if (!consoleOpen) {
        consoleWindow.reset();
        log::info("console", "the facilitator's console was closed; the meeting goes on");
      }
      const auto start =
          applySetupActions(consoleHost.apply(actions, live->director, now, fromConsole), prep, records.get());
      if (start) {
        if (start->resume) prep.setup.meetingId = start->resume->meeting;
        meetingOptions.scenario = {findMeeting(prep.setup.meetingId)};
        meetingOptions.difficulty = prep.setup.difficulty;
        meetingOptions.bisidder = prep.setup.bisidder;
        MeetingSetup next = prepareMeeting(meetingOptions, shippedScenarios(), &prep.statement);
        for (const auto& warning : next.warnings) log::warn("meeting", "{}", warning);
        if (next.plan) {
          vkDeviceWaitIdle(display.device->device());  // earlier frames may still read the old room
          live.reset();  // its voices and GPU resources go before the new ones are made
          live = std::make_unique<LiveMeeting>(std::move(*next.plan), *display.device, audioDevice.get(), tts.get(),
                                               programNow);
          if (start->resume) resumeMeeting(*start->resume);
          else startMeeting(start->node);
          endedAt = -1.0;
          fromConsole = {};
        } else {
          log::error("meeting", "{}", next.error);
        }
      }
      if (!actions.empty()) listInterrupted();
      for (const console::ConsoleAction& a : actions) {
        using Kind = console::ConsoleAction::Kind;
        if (a.kind == Kind::resume || a.kind == Kind::endMeeting) storageAlert.clear();  // go on unrecorded, or end
        if (a.kind == Kind::pause) holdInPlace = true;  // "Pause her": the room stays, everything holds still
        if (a.kind == Kind::pauseRoom) holdInPlace = false;
        if (a.kind == Kind::hideFeedback && !feedbackShown && a.index >= 0 && std::size_t(a.index) < feedback.size())
          feedback[std::size_t(a.index)].hidden = a.on;
        if (a.kind == Kind::showFeedback && feedbackReady && !feedbackShown) showFeedback();
      }
    }
    meeting::Director& director = live->director;
    scene::MeetingRoom& room = live->room;

    meeting::DirectorInput in = unattended ? citizen.input(director, now) : meeting::DirectorInput{};
    if (fromConsole.choice) in.choice = fromConsole.choice;
    in.finished = in.finished || fromConsole.finished;
    const bool citizensTurn = director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening;
    // Open while the citizen has the floor, and while they choose: they may answer out loud, and the
    // facilitator picks the option that fits (the console says when they are speaking).
    const bool listenToCitizen = citizensTurn || director.phase() == meeting::Phase::choosing;
    if (microphone) {
      if (listenToCitizen && !microphone->active()) microphone->start();
      if (!listenToCitizen && microphone->active()) {
        microphone->stop();
        // Kept only when the citizen agreed to audio recording (sealed in the vault); else dropped.
        if (records) records->keepRecording(turnAudio, now);
        turnAudio.samples.clear();
      }
      if (microphone->active()) {
        auto samples = microphone->read();  // in memory only: nothing is recorded without consent
        voiceActivity.feed(samples);
        turns.feed(samples);  // a copy, moved into the worker's queue
        in.citizenSpeaking = voiceActivity.speaking();
        if (records && records->consent().recordAudio)
          turnAudio.samples.insert(turnAudio.samples.end(), samples.begin(), samples.end());
      }
    }
    // The citizen answers: a number key or a click on a card, a trigger pointing at one, or looking
    // at one for two seconds in a headset; Enter or the trigger ends their turn.
    int pointedCard = -1;  // a card the citizen sees (an index into `choosable`), or ui::kMoreOptionsCard
    const std::vector<std::size_t> choosable = choosableOptions(director);
    auto chosen = [&](int card) { return std::optional<std::size_t>(choosable.at(std::size_t(card))); };
    if (director.phase() == meeting::Phase::choosing && overlay) {
      const glm::vec2 extent{float(display.headset->viewExtent().width), float(display.headset->viewExtent().height)};
      if (!worldOverlay) {
        pointedCard = ui::optionAtPixel(overlay->lastMesh(), input.cursor, extent);
      } else {
        const int hand = input.controllerTracked[1] ? 1 : 0;
        const Pose& pointer = input.controllerTracked[hand] ? input.controller[hand] : input.head;
        pointedCard = ui::optionAtRay(overlay->lastMesh(), pointer.position, pointer.orientation * glm::vec3(0, 0, -1));
        // Without controllers the gaze chooses; with them, reading a card never chooses it by itself.
        const bool handsFree = !input.controllerTracked[0] && !input.controllerTracked[1];
        const int looked = handsFree ? ui::optionAtRay(overlay->lastMesh(), input.head.position,
                                                       input.head.orientation * glm::vec3(0, 0, -1))
                                     : -1;
        if (const int card = gazeDwell.update(looked, programNow); card >= 0 && std::size_t(card) < choosable.size() && !in.choice)
          in.choice = chosen(card);
      }
    } else {
      gazeDwell.reset();
    }
    if (director.phase() == meeting::Phase::choosing && !in.choice) {
      const bool pressed = worldOverlay ? input.selectPressed : input.clicked;
      if (input.optionKey > 0 && std::size_t(input.optionKey) <= choosable.size()) in.choice = chosen(input.optionKey - 1);
      else if (pointedCard >= 0 && std::size_t(pointedCard) < choosable.size() && pressed) in.choice = chosen(pointedCard);
      else if (input.optionKey == 10 || (pointedCard == ui::kMoreOptionsCard && pressed)) ++optionPage;  // 0: more
    }
    if (director.phase() != meeting::Phase::choosing) optionPage = 0;
    if (citizensTurn && (input.donePressed || (worldOverlay && input.selectPressed))) in.finished = true;
    // C shows the cue card, or hides it during the statement; each phase starts with its own default.
    if (director.phase() != cardPhase) {
      cardPhase = director.phase();
      if (cardPhase != meeting::Phase::paused) showCard = false;
    }
    if (input.cardToggled) showCard = !showCard;
    if (input.helpToggled) keyHelp = !keyHelp;
    if (input.nextPartPressed) turns.nextPart(director.phase(), now);
    if (keyHelp && keyHelpUntil > 0.0 && programNow > keyHelpUntil) keyHelp = false, keyHelpUntil = 0.0;
    if (input.captionSizeStep != 0)
      captionSize = ui::CaptionSize(std::clamp(int(captionSize) + input.captionSizeStep, 0, 2));

    const bool paused = director.phase() == meeting::Phase::paused;
    if (holdForStorage && !paused) holdInPlace = true;
    if (input.pausePressed) holdInPlace = false;  // the citizen's own pause: to the calm room
    in.pause = (input.pausePressed && !paused) || fromConsole.pause || (std::exchange(holdForStorage, false) && !paused);
    in.resume = (input.pausePressed && paused) || fromConsole.resume;
    // Taking the headset off (or the runtime taking focus away) pauses the meeting; it waits there.
    const xr::HeadsetStatus status = display.headset->status();
    if (mode == Mode::xr && lastStatus == xr::HeadsetStatus::focused && status != xr::HeadsetStatus::focused && !paused) {
      in.pause = true;
      holdInPlace = false;
    }
    lastStatus = status;
    director.update(now, in);
    live->speech.update(headless);  // a line the director asked for starts once synthesised
    {
      const std::vector<meeting::LogEntry> entries = director.takeLog();
      if (consoleWindow) consoleHost.record(entries);
      logMeetingEvents(entries, live->plan.personalTexts);
      // A new turn of the citizen: the microphone starts afresh with it (a file plays from its start).
      if (turns.afterUpdate(entries, director.phase(), now, live->speech.busy()) && microphone && microphone->active()) {
        microphone->stop();
        (void)microphone->read();
        microphone->start();
      }
    }
    turns.settle(false, records.get(), director);
    room.animate(programNow, animationInputs(director, room, live->speech, meetingClock));
    // Once the last words have been said (and a moment after), the calm room says the meeting is over.
    const bool over = director.phase() == meeting::Phase::ended && endedAt >= 0.0 && now - endedAt >= 1.5 &&
                      !live->speech.busy();
    if (director.phase() != meeting::Phase::paused) holdInPlace = false;
    pauseFade.update((director.phase() == meeting::Phase::paused && !holdInPlace) || over, programNow);
    if (audioDevice) {
      audioDevice->setMasterGain(director.phase() == meeting::Phase::paused ? 0.0f : 1.0f);
      if (loopback) {
        // Exactly the samples this frame covers, so sound and picture stay in step over long runs.
        const auto due = static_cast<std::uint64_t>((programNow + (headless ? kHeadlessStep : 0.0)) * double(kMixRate));
        if (due > mixedFrames) {
          const audio::Frames block = audioDevice->render(int(due - mixedFrames));
          mixedFrames = due;
          if (!options.audioOut.empty()) mix.samples.insert(mix.samples.end(), block.samples.begin(), block.samples.end());
        }
      }
    }

    // Headless frames nobody looks at are not drawn: a long scripted run stays quick.
    const bool periodic = headless && !options.captureDir.empty() && frame % options.captureEvery == 0;
    if (headless) f.shouldRender = periodic || frame == 0;
    if (f.shouldRender) {
      if (!overlay) overlay = std::make_unique<ui::OverlayRenderer>(*display.device, f.target.format, f.target.layers);
      // The scene first, then the text layer on top; the overlay's submission signals the frame.
      renderer.render(f.views, pauseFade.showPauseRoom() ? room.pauseDrawList() : room.drawList(), f.target,
                      {f.sync.waitSemaphore, VK_NULL_HANDLE, VK_NULL_HANDLE});
      CitizenView view;
      view.headset = worldOverlay;
      view.showCard = showCard;
      view.keyHelp = keyHelp;
      view.held = holdInPlace && !pauseFade.showPauseRoom();
      view.captionSize = captionSize;
      view.microphoneOpen = microphone && microphone->active();
      view.voiceDetected = in.citizenSpeaking;
      view.optionPage = optionPage % std::max(1, overlay->lastMesh().optionPages);
      view.statementPart = turns.statementPart();
      ui::OverlayContent content = citizenOverlay(director, live->plan, view);
      const glm::vec2 extent{float(display.headset->viewExtent().width), float(display.headset->viewExtent().height)};
      if (!worldOverlay && !f.views.empty()) content.faces = facesOnScreen(room, f.views[0], extent);
      content.paused = pauseFade.showPauseRoom();
      content.ended = over;
      if (over && feedbackShown)
        for (const FeedbackSentence& sentence : feedback) {
          if (sentence.hidden) continue;
          if (sentence.tryNext) content.tryNext = sentence.text;
          else content.wentWell.push_back(sentence.text);
        }
      content.fade = pauseFade.veil();
      content.options.highlighted = gazeDwell.card() >= 0 ? gazeDwell.card() : pointedCard;
      content.options.dwell = gazeDwell.progress();
      overlay->render(f.views, content, f.target, {VK_NULL_HANDLE, f.sync.signalSemaphore, f.sync.fence});
      quality.frameDrawn(renderer, mirrorRenderer.get());
    }
    display.headset->endFrame(f);
    if (frame == 0)
      log::info("app", "first frame after {} ms",
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - kProcessStart).count());

    if (input.captureRequested && !display.headset->lastFrame() && !f.views.empty()) {
      // A window's image belongs to the compositor once presented: draw this view once more offscreen.
      const fs::path dir = options.captureDir.empty() ? picturesFolder() : options.captureDir;
      fs::create_directories(dir);
      gfx::OffscreenTarget shot(*display.device, display.headset->viewExtent(), 1);
      renderer.render({f.views.data(), 1}, room.drawList(), shot.target(), {});
      gfx::writePng(framePath(dir, frame, 0, 1), shot.readback());
      log::info("app", tr("app.headless.wrote"), fs::absolute(dir).string());
    }
    if (!options.captureDir.empty() && f.shouldRender && (periodic || input.captureRequested)) {
      if (const gfx::RenderTarget* shown = display.headset->lastFrame()) {
        for (std::uint32_t view = 0; view < shown->layers; ++view) {
          const gfx::ImageRGBA8 image = gfx::readbackImage(*display.device, shown->image, shown->format,
                                                           shown->extent, view, shown->finalLayout);
          gfx::writePng(framePath(options.captureDir, frame, view, shown->layers), image);
          ++captured;
        }
      }
    }
    if (input.quitRequested) break;
    if (director.phase() == meeting::Phase::ended && endedAt < 0.0) endedAt = now;
    // Once the last turn's measures are in: the feedback, from the measured turns only (no microphone,
    // no measures: the end screen stays as it was, and the journal closes at once).
    if (endedAt >= 0.0 && !feedbackReady && turns.settled()) {
      feedbackReady = true;
      if (!turns.measuredTurns().turns.empty()) feedback = feedbackSentences(turns.measuredTurns());
      if (feedback.empty() || !feedbackWaitsForFacilitator) showFeedback();
    }
    if (records && !records->problem().empty()) {
      log::error("data", "{}", records->problem());  // plain words about the disk or a file, never the citizen's text
      // With a facilitator at the console, the meeting waits for their choice to go on unrecorded.
      if (records->somethingNotKept() && consoleWindow && storageAlert.empty() && !storageDecided) {
        storageAlert = records->problem();
        holdForStorage = storageDecided = true;
      }
      records->clearProblem();
    }
    // An unattended run stops once the end is shown: its last frames are the calm room's "Mødet er slut".
    if (unattended && !options.frames && over && pauseFade.showPauseRoom()) break;
    ++frame;
  }
  if (captured > 0) log::info("app", tr("app.headless.wrote"), fs::absolute(options.captureDir).string());
  if (!options.audioOut.empty()) {
    if (audioDevice) {
      audio::writeWav(options.audioOut, mix);
      log::info("audio", "wrote {} s of the meeting's sound to {}", double(mix.samples.size() / 2) / kMixRate,
                fs::absolute(options.audioOut).string());
    } else {
      log::warn("audio", "--audio-out: no audio device, nothing written");
    }
  }
  if (headsetLost && live->director.phase() != meeting::Phase::ended) {
    // The runtime or the headset went away mid-meeting: the meeting pauses where it was and its
    // journal stays open for resuming (--unfinished resume, or the console's offer) instead of ending.
    meeting::DirectorInput pause;
    pause.pause = live->director.phase() != meeting::Phase::paused;
    live->director.update(now, pause);
    const std::vector<meeting::LogEntry> entries = live->director.takeLog();
    turns.hold(entries);
    turns.dropOpenTurn();  // the turn goes on after resuming: its audio so far is not a whole turn
    turns.settle(true, records.get(), live->director);
    logMeetingEvents(entries, live->plan.personalTexts);
    log::warn("app", "the headset was lost: the meeting is paused{}",
              records && records->sessionOpen() ? " and can be resumed" : "");
    if (records) records->suspendSession(now, "the headset was lost");
  }
  // What the worker still has goes into the journal; an ended meeting's feedback that the facilitator
  // never showed is not kept (the citizen did not see it).
  turns.dropOpenTurn();
  turns.settle(true, records.get(), live->director);
  if (records)
    records->endSession(now, endedAt >= 0.0 && live->director.phase() == meeting::Phase::ended
                                 ? "the meeting ended"
                                 : "the program was closed before the meeting ended");
  if (unattended && live->director.phase() != meeting::Phase::ended && !options.frames)
    log::warn("meeting", "the meeting had not ended after {} frames", frame);
  if (options.validation && display.device->validationErrorCount() > 0) {
    log::error("app", "{} Vulkan validation error(s)", display.device->validationErrorCount());
    return 1;
  }
  if (records && records->somethingNotKept()) {
    log::error("data", "{}", tr("vault.meeting_not_kept"));
    return kExitNotKept;
  }
  return 0;
}

}  // namespace overum::app
