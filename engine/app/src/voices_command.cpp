// SPDX-License-Identifier: GPL-3.0-or-later
// The voices subcommands; see voices_command.h. Sections: meetings and their lines · keys · takes
// (microphone or files) · recording a character · status.
#include "voices_command.h"

#include "command_line.h"
#include "install_paths.h"
#include "voice_lines.h"
#include "voice_recorder.h"

#include <overum/app/meeting_folder.h>
#include <overum/audio/microphone.h>
#include <overum/audio/pcm.h>
#include <overum/core/format.h>
#include <overum/core/strings.h>
#include <overum/scenario/compiler.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>
#include <poll.h>
#include <set>
#include <termios.h>
#include <unistd.h>

namespace overum::app {
namespace fs = std::filesystem;
namespace {

constexpr int kVoiceSampleRate = 48000;   // what the recordings are written at: the microphone's own rate
constexpr double kLongestTake_s = 120.0;  // a take left running stops itself here
constexpr double kFileTakeTail_s = 0.3;   // a file-backed take hears this much silence after the file
constexpr int kPollMs = 50;               // the device's capture buffer holds a second; drained far oftener

// "-23,0" in Danish, "-23.0" in English.
std::string oneDecimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  std::string out = text;
  if (language() == Language::da) std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

// ---- meetings and their lines ------------------------------------------------------------------

struct LoadedMeeting {
  std::string name;  // the folder's name
  scene::MeetingCast cast;
  std::shared_ptr<const scenario::Program> program;
};

// A meeting by name (the organisation's own first, then the shipped ones) or by its folder.
std::optional<LoadedMeeting> loadMeeting(const std::string& named, std::string& error) {
  std::error_code ec;
  const fs::path folder = fs::is_directory(named, ec) ? fs::path(named) : findMeeting(named);
  if (!fs::is_directory(folder, ec)) {
    error = format(tr("voices.no_meeting"), named);
    return std::nullopt;
  }
  const MeetingFolder loaded = loadMeetingFolder({folder});
  if (!loaded.error.empty()) {
    error = loaded.error;
    return std::nullopt;
  }
  if (!loaded.cast) {
    error = format(tr("voices.no_cast"), loaded.castFile.string());
    return std::nullopt;
  }
  scenario::CompileOptions options;
  options.start = loaded.cast->start;
  if (loaded.cast->startLine > 0) options.startNamedAt = {loaded.castFile.string(), loaded.cast->startLine};
  const scenario::CompileResult compiled = scenario::compile(loaded.files, loaded.vocabulary, options);
  if (!compiled.ok()) {
    for (const auto& d : compiled.diagnostics)
      if (d.severity == scenario::Severity::Error) error += scenario::formatDiagnostic(d) + "\n";
    error += tr("voices.fix_scenario");
    return std::nullopt;
  }
  return LoadedMeeting{fs::absolute(folder).lexically_normal().filename().string(), *loaded.cast, compiled.program};
}

// Every meeting's name: the organisation's own, then the shipped ones it does not replace.
std::vector<std::string> everyMeeting() {
  std::set<std::string> seen;
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::path& root : scenarioRoots()) {
    std::vector<std::string> here;
    for (const auto& entry : fs::directory_iterator(root, ec))
      if (fs::is_regular_file(entry.path() / "cast.json", ec) && seen.insert(entry.path().filename().string()).second)
        here.push_back(entry.path().filename().string());
    std::sort(here.begin(), here.end());
    names.insert(names.end(), here.begin(), here.end());
  }
  return names;
}

const scene::CastMember* findCharacter(const scene::MeetingCast& cast, const std::string& idOrName) {
  for (const scene::CastMember& c : cast.characters)
    if (c.id == idOrName || c.name == idOrName) return &c;
  return nullptr;
}

// Warns of each line id among `ids` (all when empty) that another character speaks too, in any meeting.
void warnSharedIds(const std::vector<LoadedMeeting>& meetings, const std::set<std::string>& ids, std::ostream& out) {
  std::vector<std::pair<std::string, const scenario::Program*>> programs;
  for (const LoadedMeeting& m : meetings) programs.emplace_back(m.name, m.program.get());
  for (const auto& [id, speakers] : sharedLineIds(programs)) {
    if (!ids.empty() && !ids.contains(id)) continue;
    std::string who;
    for (const std::string& s : speakers) who += (who.empty() ? "" : ", ") + s;
    out << format(tr("voices.shared_id"), id, who) << "\n";
  }
}

// Every meeting there is, and `named` where it is not among them (a folder given by its path).
std::vector<LoadedMeeting> allMeetings(const std::vector<LoadedMeeting>& named) {
  std::vector<LoadedMeeting> all = named;
  for (const std::string& name : everyMeeting()) {
    std::string error;
    if (std::none_of(all.begin(), all.end(), [&](const LoadedMeeting& m) { return m.name == name; }))
      if (auto meeting = loadMeeting(name, error)) all.push_back(std::move(*meeting));
  }
  return all;
}

// ---- keys --------------------------------------------------------------------------------------

// The actor's keys. A terminal is read key by key without echo, Ctrl-C arriving as a key (so the
// terminal is always restored, by the destructor); a pipe byte by byte. Enter is '\n'.
class KeyInput {
 public:
  explicit KeyInput(int fd) : fd_(fd) {
    if (isatty(fd_) && tcgetattr(fd_, &saved_) == 0) {
      termios keys = saved_;
      keys.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG);
      keys.c_cc[VMIN] = 1;
      keys.c_cc[VTIME] = 0;
      terminal_ = tcsetattr(fd_, TCSANOW, &keys) == 0;
    }
  }
  ~KeyInput() {
    if (terminal_) tcsetattr(fd_, TCSANOW, &saved_);
  }
  KeyInput(const KeyInput&) = delete;
  KeyInput& operator=(const KeyInput&) = delete;

  bool terminal() const { return terminal_; }

  // The next key within timeoutMs (-1: however long it takes); none when no key came. The end of the
  // input, Ctrl-C and Ctrl-D are 'q': quit, keeping what is recorded.
  std::optional<char> next(int timeoutMs) {
    pollfd ready{fd_, POLLIN, 0};
    const int polled = ::poll(&ready, 1, timeoutMs);
    if (polled == 0 || (polled < 0 && errno == EINTR)) return std::nullopt;
    char c = 0;
    if (polled < 0 || ::read(fd_, &c, 1) != 1 || c == '\x03' || c == '\x04') return 'q';
    if (c == '\r') return '\n';
    return char(std::tolower(static_cast<unsigned char>(c)));
  }

 private:
  int fd_;
  termios saved_{};
  bool terminal_ = false;
};

// ---- takes -------------------------------------------------------------------------------------

// Where takes come from: the microphone, or (--microphone-file) sound files, each take hearing one
// whole, however soon it is stopped (so a test's keys need no timing): take N the Nth file, the last
// one after that. A take stopped and started again (r) hears the same file again.
class TakeSource {
 public:
  static std::unique_ptr<TakeSource> open(const std::vector<fs::path>& files, std::string& whyNot) {
    std::unique_ptr<TakeSource> source(new TakeSource);
    if (files.empty()) {
      source->device_ = audio::Microphone::open(kVoiceSampleRate, whyNot);
      if (!source->device_) return nullptr;
    }
    for (const fs::path& file : files) {
      source->files_.push_back(audio::Microphone::openFile(file, kVoiceSampleRate, source->fileClock_, whyNot));
      if (!source->files_.back()) return nullptr;
    }
    return source;
  }

  void start() {
    samples_.clear();
    startedAt_ = std::chrono::steady_clock::now();
    current_ = device_ ? device_.get() : files_[std::min(takes_, files_.size() - 1)].get();
    fileClock_ = 0.0;
    current_->start();
  }
  // While the take runs: drains the device's buffer.
  void poll() {
    if (device_) append(device_->read());
  }
  double seconds() const {
    return device_ ? double(samples_.size()) / kVoiceSampleRate
                   : std::chrono::duration<double>(std::chrono::steady_clock::now() - startedAt_).count();
  }
  audio::Pcm finish() {
    if (!device_) fileClock_ = std::max(seconds(), current_->fileSeconds() + kFileTakeTail_s);
    append(current_->read());
    current_->stop();
    ++takes_;
    return {kVoiceSampleRate, std::move(samples_)};
  }
  void discard() {
    current_->read();
    current_->stop();
    samples_.clear();
  }

 private:
  TakeSource() = default;
  void append(const std::vector<std::int16_t>& more) { samples_.insert(samples_.end(), more.begin(), more.end()); }

  std::unique_ptr<audio::Microphone> device_;
  // The file-backed microphones' clock, seconds into the take; declared before them, as they hold its address.
  double fileClock_ = 0.0;
  std::vector<std::unique_ptr<audio::Microphone>> files_;
  audio::Microphone* current_ = nullptr;
  std::size_t takes_ = 0;
  std::chrono::steady_clock::time_point startedAt_;
  std::vector<std::int16_t> samples_;
};

// The folder recordings go to exists and takes a file; else what is wrong and what to do.
bool writableFolder(const fs::path& folder, std::string& error) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (!ec) {
    const fs::path probe = folder / ".overum-voices-probe";
    std::ofstream file(probe);
    file << "probe\n";
    file.close();
    const bool written = !file.fail();
    fs::remove(probe, ec);
    if (written && !ec) return true;
    if (!written) ec = std::make_error_code(std::errc::permission_denied);
  }
  error = format(tr("voices.folder_unwritable"), folder.string(), ec.message());
  return false;
}

// Written beside the old one and renamed over it: a redo replaces a recording whole or not at all.
bool writeRecording(const audio::Pcm& pcm, const fs::path& file, std::string& error) {
  const fs::path partial = fs::path(file).concat(".partial");
  try {
    audio::writeWav(partial, pcm);
    fs::rename(partial, file);
    return true;
  } catch (const std::exception& e) {  // overum::Error from libsndfile, filesystem_error from the rename
    std::error_code ec;
    fs::remove(partial, ec);
    error = format(tr("voices.write_failed"), file.string(), e.what());
    return false;
  }
}

// ---- recording a character -------------------------------------------------------------------

enum class TakeEnd { saved, again, quit, failed };

struct RecordingSession {
  fs::path folder;
  std::string speaker;  // the character's name, as lines show it
  std::ostream& out;
  std::ostream& err;
  KeyInput& keys;
  TakeSource& source;
  std::size_t saved = 0;
};

void showLine(RecordingSession& s, const CharacterLine& line, std::size_t number, std::size_t count, bool redo) {
  s.out << "\n[" << number << "/" << count << "] " << line.heading << "   (line:" << line.id << ")"
        << (redo ? "   " + std::string(tr("voices.record.redo_mark")) : "") << "\n";
  s.out << "    " << (line.before.empty() ? std::string(tr("voices.record.node_start")) : line.before) << "\n";
  s.out << "  > " << s.speaker << ": " << line.text << "\n";
  if (!line.after.empty()) s.out << "    " << line.after << "\n";
  s.out << tr("voices.record.keys") << std::endl;
}

// One take of the line: Enter stops it and keeps it, r starts it again, q throws it away and quits.
TakeEnd recordTake(RecordingSession& s, const CharacterLine& line) {
  s.out << tr("voices.record.recording") << std::endl;
  s.source.start();
  std::string shown;  // the take's length as last shown on a terminal, rewritten in place when it changes
  for (;;) {
    const std::optional<char> key = s.keys.next(kPollMs);
    s.source.poll();
    if (const std::string now = oneDecimal(s.source.seconds()); s.keys.terminal() && now != shown) {
      s.out << "\r  " << now << " s   " << std::flush;
      shown = now;
    }
    if (key == 'q') {
      s.source.discard();
      s.out << "\n" << tr("voices.record.take_dropped") << std::endl;
      return TakeEnd::quit;
    }
    if (key == 'r') {
      s.source.discard();
      s.out << "\n" << tr("voices.record.again") << std::endl;
      s.source.start();
      continue;
    }
    if (key == '\n' || s.source.seconds() > kLongestTake_s) break;
  }
  const audio::Pcm take = s.source.finish();
  if (s.keys.terminal()) s.out << "\n";
  const std::optional<audio::Pcm> trimmed = trimSilence(take);
  const std::optional<Normalised> normalised = trimmed ? normaliseLoudness(*trimmed) : std::nullopt;
  if (!normalised) {
    s.out << tr(trimmed ? "voices.record.too_short" : "voices.record.silent") << std::endl;
    return TakeEnd::again;
  }
  const fs::path file = s.folder / (line.id + ".wav");
  std::string error;
  if (!writeRecording(normalised->pcm, file, error)) {
    s.err << "overum voices record: " << error << "\n";
    return TakeEnd::failed;
  }
  ++s.saved;
  s.out << format(tr("voices.record.saved"), file.string(), oneDecimal(normalised->pcm.seconds()),
                  oneDecimal(normalised->resultLufs), oneDecimal(normalised->measuredLufs))
        << "\n";
  if (normalised->limitedDb > kAudibleLimiting_db) s.out << tr("voices.record.peak_limited") << "\n";
  if (clippedShare(take) > 0.001) s.out << tr("voices.record.clipped") << "\n";
  s.out << std::flush;
  return TakeEnd::saved;
}

int record(const VoicesOptions& o, std::ostream& out, std::ostream& err, int keyFd) {
  std::string error;
  const auto meeting = loadMeeting(o.scenarios.front(), error);
  if (!meeting) {
    err << "overum voices record: " << error << "\n";
    return 1;
  }
  const scene::CastMember* character = findCharacter(meeting->cast, o.character);
  if (!character) {
    std::string ids;
    for (const scene::CastMember& c : meeting->cast.characters) ids += (ids.empty() ? "" : ", ") + c.id;
    err << "overum voices record: " << format(tr("voices.no_character"), o.character, meeting->name, ids) << "\n";
    return 1;
  }
  const fs::path folder = o.outDir.empty() ? ownVoices() : o.outDir;
  if (!writableFolder(folder, error)) {
    err << "overum voices record: " << error << "\n";
    return 1;
  }
  const std::vector<CharacterLine> lines = linesOf(*meeting->program, character->id, character->name);
  const VoiceCoverage coverage =
      coverageOf(lines, [&](const std::string& id) { return !recordingOf(id, {folder}).empty(); });
  std::vector<const CharacterLine*> toRecord;
  for (const CharacterLine& line : lines)
    if (line.voice == LineVoice::recordable && (o.all || recordingOf(line.id, {folder}).empty()))
      toRecord.push_back(&line);

  out << format(tr("voices.record.intro"), character->name, character->id, meeting->name, toRecord.size(),
                coverage.recorded, coverage.synthetic)
      << "\n"
      << format(tr("voices.record.where"), fs::absolute(folder).string(), oneDecimal(kVoiceTargetLufs)) << "\n";
  if (coverage.untagged > 0) out << format(tr("voices.record.untagged"), coverage.untagged, meeting->name) << "\n";
  std::set<std::string> ids;
  for (const CharacterLine* line : toRecord) ids.insert(line->id);
  if (!ids.empty()) warnSharedIds(allMeetings({*meeting}), ids, out);
  if (toRecord.empty()) {
    out << tr("voices.record.nothing") << "\n";
    return 0;
  }

  const std::unique_ptr<TakeSource> source = TakeSource::open(o.microphoneFiles, error);
  if (!source) {
    err << "overum voices record: " << (o.microphoneFiles.empty() ? format(tr("voices.no_microphone"), error) : error)
        << "\n";
    return 1;
  }
  KeyInput keys(keyFd);
  RecordingSession s{folder, character->name, out, err, keys, *source};
  constexpr std::size_t kNone = SIZE_MAX;  // (an optional here draws GCC 12's false maybe-uninitialized)
  std::size_t next = 0, lastSaved = kNone, redoing = kNone;
  bool quit = false, failed = false;
  while (!quit && !failed) {
    if (next >= toRecord.size() && redoing == kNone) {  // past the last line: one chance left to redo it
      out << "\n" << tr("voices.record.end_keys") << std::endl;
      const std::optional<char> key = keys.next(-1);
      if (key == 'r' && lastSaved != kNone) redoing = lastSaved;
      else break;
    }
    const std::size_t at = redoing != kNone ? redoing : next;
    showLine(s, *toRecord[at], at + 1, toRecord.size(), redoing != kNone);
    std::optional<char> key;
    while (!key || (*key != '\n' && *key != 'r' && *key != 's' && *key != 'q')) key = keys.next(-1);
    switch (*key) {
      case '\n':
        switch (recordTake(s, *toRecord[at])) {
          case TakeEnd::saved:
            lastSaved = at;
            if (redoing == kNone) ++next;
            redoing = kNone;
            break;
          case TakeEnd::again: break;
          case TakeEnd::quit: quit = true; break;
          case TakeEnd::failed: failed = true; break;
        }
        break;
      case 'r':
        if (lastSaved != kNone) redoing = lastSaved;
        else out << tr("voices.record.nothing_to_redo") << "\n";
        break;
      case 's':
        if (redoing != kNone) redoing = kNone;
        else ++next;
        break;
      default: quit = true; break;
    }
  }
  const VoiceCoverage after =
      coverageOf(lines, [&](const std::string& id) { return !recordingOf(id, {folder}).empty(); });
  out << "\n" << format(tr("voices.record.summary"), s.saved, after.recorded, after.recordable) << std::endl;
  return failed ? 1 : 0;
}

// ---- status ------------------------------------------------------------------------------------

int status(const VoicesOptions& o, std::ostream& out, std::ostream& err) {
  const std::vector<fs::path> folders = o.outDir.empty() ? voiceFolders() : std::vector<fs::path>{o.outDir};
  const std::vector<std::string> named = o.scenarios.empty() ? everyMeeting() : o.scenarios;
  int exitCode = 0;
  std::vector<LoadedMeeting> shown;
  for (const std::string& name : named) {
    std::string error;
    auto meeting = loadMeeting(name, error);
    if (!meeting) {
      err << "overum voices status: " << error << "\n";
      exitCode = 1;
      continue;
    }
    out << meeting->name << " – " << meeting->cast.title << "\n";
    for (const scene::CastMember& c : meeting->cast.characters) {
      const VoiceCoverage coverage = coverageOf(linesOf(*meeting->program, c.id, c.name), [&](const std::string& id) {
        return !recordingOf(id, folders).empty();
      });
      out << format(tr("voices.status.character"), c.name, c.id, coverage.recorded, coverage.recordable,
                    coverage.synthetic)
          << "\n";
      if (coverage.untagged > 0) out << "    " << format(tr("voices.status.untagged"), coverage.untagged) << "\n";
      if (coverage.missing.empty()) continue;
      out << "    " << tr("voices.status.missing");
      for (std::size_t i = 0; i < coverage.missing.size(); ++i)
        out << (i % 8 == 0 ? "\n      " : " ") << coverage.missing[i];
      out << "\n";
    }
    shown.push_back(std::move(*meeting));
  }
  // Only the shown meetings' ids, but shared with any meeting: they all play from the same folders.
  std::set<std::string> ids;
  for (const LoadedMeeting& m : shown)
    for (const scenario::LineInfo& line : m.program->lines)
      if (!line.id.empty()) ids.insert(line.id);
  if (!ids.empty()) warnSharedIds(allMeetings(shown), ids, out);
  out << format(tr("voices.status.folders"), [&] {
    std::string list;
    for (const fs::path& f : folders) list += (list.empty() ? "" : ", ") + f.string();
    return list;
  }()) << "\n";
  return exitCode;
}

}  // namespace

int runVoicesCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, int keys) {
  const ParsedVoicesCommand parsed = parseVoicesCommand(args);
  if (parsed.exitCode) {
    (*parsed.exitCode == 0 ? out : err) << parsed.message;
    return *parsed.exitCode;
  }
  Language language = Language::da;
  parseLanguage(parsed.options.language, language);
  setLanguage(language);
  return parsed.options.action == VoicesAction::record ? record(parsed.options, out, err, keys)
                                                       : status(parsed.options, out, err);
}

}  // namespace overum::app
