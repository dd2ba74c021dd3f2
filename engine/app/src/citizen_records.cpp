// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's records in the vault; see citizen_records.h.
// Vault files per citizen: "consent", "statement", "resume-<session>" (the meeting's id, a newline, the
// director's checkpoint), "recording-<session>-<n>" (WAV) and the journals "<session>.journal".
#include "citizen_records.h"

#include <overum/core/check.h>
#include <overum/core/log.h>
#include <overum/core/strings.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>

namespace overum::app {
namespace fs = std::filesystem;
namespace {

std::string newSessionId() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&t, &local);
  char id[32];
  std::strftime(id, sizeof id, "%Y%m%d-%H%M%S", &local);
  return id;
}

std::string resumeFile(std::string_view session) { return "resume-" + std::string(session); }

// A time as the replay needs it: every digit (the shortest text that reads back as the same number).
std::string exactNumber(double v) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}

std::string encodeConsent(const session::Consent& c) {
  return format("statement={}\nnotes={}\naudio={}\n", c.saveStatement ? 1 : 0, c.keepNotes ? 1 : 0,
                c.recordAudio ? 1 : 0);
}

std::string asText(const session::Bytes& b) { return {b.begin(), b.end()}; }

}  // namespace

session::Consent storedConsent(const session::Vault& vault, std::string_view citizenId, std::string& problem) {
  session::Consent c;
  if (!vault.hasCitizen(citizenId)) return c;
  const auto stored = vault.read(citizenId, "consent");
  if (!stored.bytes) {
    problem = format("{}: {}", tr("vault.consent_damaged"), stored.error.empty() ? "it is missing" : stored.error);
    return c;
  }
  const std::string text = asText(*stored.bytes);
  c.saveStatement = text.find("statement=1") != std::string::npos;
  c.keepNotes = text.find("notes=1") != std::string::npos;
  c.recordAudio = text.find("audio=1") != std::string::npos;
  return c;
}

std::string_view journalKind(meeting::LogEntry::Kind kind) {
  using Kind = meeting::LogEntry::Kind;
  switch (kind) {
    case Kind::node: return "node";
    case Kind::line: return "line";
    case Kind::options: return "options";
    case Kind::choice: return "choice";
    case Kind::command: return "command";
    case Kind::statement: return "statement";
    case Kind::answer: return "answer";
    case Kind::hint: return "hint";
    case Kind::facilitator: return "facilitator";
    case Kind::paused: return "pause";
    case Kind::resumed: return "resume";
    case Kind::ended: return "meeting-end";  // "end" closes the journal itself (endSession)
  }
  return "?";
}

CitizenRecords::OpenResult CitizenRecords::open(const fs::path& vaultDir, std::string citizenId, std::string passphrase,
                                                const session::KdfLimits& limits) {
  if (!session::Vault::validId(citizenId))
    return {nullptr, format("'{}' cannot name a citizen: use a pseudonym of letters, digits, '-' and '_' (never the "
                            "citizen's real name, it shows in file listings)",
                            citizenId)};
  if (passphrase.size() < 8) return {nullptr, "the passphrase must have at least 8 characters"};
  // One Øverum per citizen: a second copy would append to the same journal and break it.
  auto locked = session::CitizenLock::acquire(vaultDir, citizenId);
  if (!locked.lock) return {nullptr, locked.error};
  std::unique_ptr<CitizenRecords> r(new CitizenRecords);
  r->lock_ = std::move(locked.lock);
  r->vaultDir_ = vaultDir;
  r->citizenId_ = std::move(citizenId);
  r->limits_ = limits;
  if (session::Vault::exists(vaultDir)) {
    auto opened = session::Vault::open(vaultDir, passphrase, limits);
    if (!opened.vault) return {nullptr, format("{}: {}", vaultDir.string(), opened.error)};
    r->vault_ = std::move(opened.vault);
    r->consent_ = storedConsent(*r->vault_, r->citizenId_, r->problem_);
    r->readProgressSoon();
    r->progress();  // starts reading now, before the meeting's first frame
  } else {
    r->passphrase_ = std::move(passphrase);
  }
  return {std::move(r), {}};
}

CitizenRecords::~CitizenRecords() {
  if (journal_) endSession(lastTime_, "the program was closed");
}

bool CitizenRecords::ensureVault() {
  if (vault_) return true;
  auto opened = session::Vault::open(vaultDir_, passphrase_, limits_);
  if (!opened.vault) {
    problem_ = format("{}: {}", vaultDir_.string(), opened.error);
    return false;
  }
  vault_ = std::move(opened.vault);
  passphrase_.assign(passphrase_.size(), '\0');
  passphrase_.clear();
  return true;
}

void CitizenRecords::setConsent(const session::Consent& consent) {
  const bool any = consent.saveStatement || consent.keepNotes || consent.recordAudio;
  if (!any) {
    withdraw();
    return;
  }
  try {
    if (!ensureVault()) return;
    vault_->addCitizen(citizenId_);
    vault_->write(citizenId_, "consent", session::asBytes(encodeConsent(consent)));
    if (!consent.saveStatement) vault_->remove(citizenId_, "statement");
    if (!consent.recordAudio)
      for (const std::string& name : vault_->files(citizenId_))
        if (name.starts_with("recording-")) vault_->remove(citizenId_, name);
    if (!consent.keepNotes) {
      journal_.reset();
      for (const std::string& id : session::journalSessions(*vault_, citizenId_)) {
        session::removeJournal(*vault_, citizenId_, id);
        vault_->remove(citizenId_, resumeFile(id));
      }
    }
    consent_ = consent;
    readProgressSoon();
    log::info("data", "consent: statement {}, notes {}, audio {}", consent.saveStatement, consent.keepNotes,
              consent.recordAudio);
  } catch (const Error& e) {
    problem_ = e.what();
  }
}

bool CitizenRecords::withdraw() {
  journal_.reset();
  consent_ = {};
  readProgressSoon();
  try {
    if (hasRecords()) vault_->eraseCitizen(citizenId_);
    log::info("data", "consent withdrawn: everything kept about the citizen was erased");
    return true;
  } catch (const Error& e) {
    problem_ = e.what();
    log::error("data", "{}", problem_);
    return false;
  }
}

std::optional<session::Statement> CitizenRecords::storedStatement(std::string& problem) const {
  if (!consent_.saveStatement || !hasRecords()) return std::nullopt;
  const auto stored = vault_->read(citizenId_, "statement");
  if (!stored.bytes) {
    problem = stored.error;
    return std::nullopt;
  }
  auto parsed = session::parseStatement(asText(*stored.bytes));
  if (parsed.statement && session::formatStatement(*parsed.statement) == sampleStatement_) return std::nullopt;
  if (!parsed.statement)
    problem = "the saved statement could not be read: " + session::describeIssues("statement", parsed.issues);
  return parsed.statement;
}

void CitizenRecords::keepStatement(const session::Statement& statement) {
  if (!consent_.saveStatement || !vault_) return;
  const std::string text = session::formatStatement(statement);
  if (text == sampleStatement_) return;  // the bundled example is nobody's own statement
  try {
    // A damaged statement is set aside, never overwritten: it may still be rescued from a backup key.
    std::string damaged;
    if (vault_->hasCitizen(citizenId_) && !storedStatement(damaged) && !damaged.empty())
      if (const auto aside = vault_->setAside(citizenId_, "statement"))
        log::warn("data", "{}", format(tr("vault.statement_set_aside"), aside->string()));
    vault_->write(citizenId_, "statement", session::asBytes(text));
  } catch (const Error& e) {
    problem_ = e.what();
  }
}

void CitizenRecords::notKept(const Error& e) {
  if (!notKept_) problem_ = format(tr("vault.not_kept"), e.what());  // said once, not for every record after it
  notKept_ = true;
}

void CitizenRecords::setSampleStatement(const session::Statement& sample) {
  sampleStatement_ = session::formatStatement(sample);
}

void CitizenRecords::append(const session::JournalRecord& record) {
  if (!journal_) return;
  lastTime_ = record.time;
  try {
    journal_->append(record);
  } catch (const Error& e) {
    notKept(e);
  }
}

void CitizenRecords::beginSession(std::string_view meeting, double now, std::string_view difficulty) {
  if (journal_ || !consent_.keepNotes || !vault_) return;
  try {
    const std::vector<std::string> taken = session::journalSessions(*vault_, citizenId_);
    sessionId_ = newSessionId();
    for (int n = 2; std::find(taken.begin(), taken.end(), sessionId_) != taken.end(); ++n)
      sessionId_ = newSessionId() + "-" + std::to_string(n);
    journal_ = std::make_unique<session::JournalWriter>(*vault_, citizenId_, sessionId_);
    meeting_ = meeting;
    lastCheckpoint_.clear();
    recordings_ = 0;
    Fields fields;
    if (!difficulty.empty()) fields.emplace_back("difficulty", std::string(difficulty));
    append({now, "start", fs::path(meeting).filename().string(), std::move(fields)});
  } catch (const Error& e) {
    notKept(e);
    journal_.reset();
  }
}

void CitizenRecords::writeCheckpoint(const meeting::Director& director) {
  if (director.checkpoint().empty() || director.checkpoint() == lastCheckpoint_) return;
  lastCheckpoint_ = director.checkpoint();
  try {
    vault_->write(citizenId_, resumeFile(sessionId_), session::asBytes(meeting_ + "\n" + lastCheckpoint_));
  } catch (const Error& e) {  // without it an interruption could not be resumed where it was
    notKept(e);
  }
}

void CitizenRecords::record(const std::vector<meeting::LogEntry>& entries, const meeting::Director& director,
                            std::span<const Fields> turnFields) {
  if (!journal_) return;
  std::size_t nextFields = 0;
  for (const meeting::LogEntry& e : entries) {
    std::string text = e.who.empty() ? e.text : e.who + ": " + e.text;
    Fields fields;
    if (e.kind == meeting::LogEntry::Kind::statement || e.kind == meeting::LogEntry::Kind::answer) {
      text = format("{} s, {} s spoken", e.duration, e.spokenSeconds);
      if (nextFields < turnFields.size()) fields = turnFields[nextFields++];
    }
    // The node's Danish heading beside its internal name: the citizen's report shows only the heading.
    if (e.kind == meeting::LogEntry::Kind::node) {
      const std::string_view heading = director.runner().program().heading(e.text);
      if (!heading.empty() && heading != e.text) fields.emplace_back("heading", std::string(heading));
    }
    append({e.time, std::string(journalKind(e.kind)), std::move(text), std::move(fields)});
    if (e.kind == meeting::LogEntry::Kind::node) writeCheckpoint(director);
  }
}

void CitizenRecords::keepFeedback(const std::vector<FeedbackSentence>& shown, double now) {
  for (const FeedbackSentence& f : shown)
    if (!f.hidden) append({now, "feedback", f.text, {{"rule", f.rule}, {"role", f.tryNext ? "try" : "strength"}}});
}

void CitizenRecords::note(const session::Note& note) {
  Fields fields;
  if (note.shared) fields.emplace_back("share", "1");  // the citizen's report shows it
  append({note.time, note.bookmark ? "bookmark" : "note", note.text, std::move(fields)});
}

void CitizenRecords::keepRating(const Rating& rating, double now) {
  append({now, "rating", std::string(scaleName(rating.scale)), ratingFields(rating)});
}

void CitizenRecords::keepRecording(const audio::Pcm& speech, double endsAt) {
  if (!journal_ || !consent_.recordAudio || speech.samples.empty()) return;
  const std::string name = format("recording-{}-{}", sessionId_, ++recordings_);
  try {
    vault_->write(citizenId_, name, audio::encodeOpus(speech));
    append({endsAt,
            "recording",
            format("{} ({} s)", name, speech.seconds()),
            {{"start", exactNumber(endsAt - speech.seconds())}, {"seconds", exactNumber(speech.seconds())}}});
  } catch (const Error& e) {
    notKept(e);
  }
}

// ---- what a replay needs ----------------------------------------------------------------------------
namespace {

// The meeting's files in one sealed file: each as its name, its size in bytes and the bytes.
std::string packFiles(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string packed;
  for (const auto& [name, bytes] : files) packed += format("{}\n{}\n", name, bytes.size()) + bytes;
  return packed;
}

std::optional<std::vector<std::pair<std::string, std::string>>> unpackFiles(std::string_view packed) {
  std::vector<std::pair<std::string, std::string>> files;
  while (!packed.empty()) {
    const std::size_t nameEnd = packed.find('\n');
    const std::size_t sizeEnd = nameEnd == std::string_view::npos ? nameEnd : packed.find('\n', nameEnd + 1);
    if (sizeEnd == std::string_view::npos) return std::nullopt;
    std::size_t size = 0;
    const std::string_view sizeText = packed.substr(nameEnd + 1, sizeEnd - nameEnd - 1);
    const auto [end, ec] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size);
    if (ec != std::errc() || end != sizeText.data() + sizeText.size() || size > packed.size() - sizeEnd - 1)
      return std::nullopt;
    files.emplace_back(std::string(packed.substr(0, nameEnd)), std::string(packed.substr(sizeEnd + 1, size)));
    packed.remove_prefix(sizeEnd + 1 + size);
  }
  return files;
}

std::string scenarioFile(std::string_view hash) { return "scenario-" + std::string(hash); }

}  // namespace

void CitizenRecords::keepReplayStart(const session::ReplayStart& start,
                                     const std::vector<std::pair<std::string, std::string>>& files) {
  if (!journal_) return;
  replaySamples_.reset();
  append(session::replayStartRecord(start));
  try {
    const std::string name = scenarioFile(start.scenarioHash);
    const std::vector<std::string> kept = vault_->files(citizenId_);
    if (!files.empty() && std::find(kept.begin(), kept.end(), name) == kept.end())
      vault_->write(citizenId_, name, session::asBytes(packFiles(files)));
  } catch (const Error& e) {  // the replay can still use the meeting's files while they stay the same
    notKept(e);
  }
}

void CitizenRecords::keepReplayInput(const session::ReplayInput& input) {
  if (journal_) append(session::replayInputRecord(input));
}

void CitizenRecords::keepReplayAction(const session::ReplayAction& action) {
  if (journal_) append(session::replayActionRecord(action));
}

void CitizenRecords::appendReplaySamples(double now, bool all) {
  if (!journal_) return;
  if (auto record = replaySamples_.take(now, all)) append(*record);
}

void CitizenRecords::keepLineDone(std::size_t line, double now) {
  if (!journal_) return;
  replaySamples_.lineDone(line, now);
  appendReplaySamples(now);
}

void CitizenRecords::keepVoiceHeard(bool heard, double now) {
  if (!journal_) return;
  replaySamples_.voice(heard, now);
  appendReplaySamples(now);
}

void CitizenRecords::keepHeadPose(const Pose& head, double now) {
  if (!journal_) return;
  replaySamples_.head(head, now);
  appendReplaySamples(now);
}

std::optional<std::vector<std::pair<std::string, std::string>>> CitizenRecords::keptScenario(
    std::string_view hash) const {
  if (!hasRecords()) return std::nullopt;
  const auto stored = vault_->read(citizenId_, scenarioFile(hash));
  if (!stored.bytes) return std::nullopt;
  return unpackFiles(asText(*stored.bytes));
}

session::ReplayTrack CitizenRecords::replayTrack(std::string_view sessionId) const {
  if (!hasRecords()) {
    session::ReplayTrack none;
    none.problem = "nothing is kept about this citizen";
    return none;
  }
  return session::replayTrackOf(session::readJournal(*vault_, citizenId_, sessionId));
}

std::optional<audio::Pcm> CitizenRecords::recording(std::string_view name) const {
  if (!hasRecords()) return std::nullopt;
  const auto stored = vault_->read(citizenId_, name);
  return stored.bytes ? audio::decodeSound(*stored.bytes) : std::nullopt;
}

std::vector<std::string> CitizenRecords::sessions() const {
  if (!hasRecords()) return {};
  return session::journalSessions(*vault_, citizenId_);
}

void CitizenRecords::suspendSession(double now, std::string_view why) {
  if (!journal_) return;
  appendReplaySamples(now, true);
  append({now, "interrupted", std::string(why)});
  journal_.reset();
}

void CitizenRecords::endSession(double now, std::string_view how) {
  if (!journal_) return;
  appendReplaySamples(now, true);
  append({now, "end", std::string(how)});
  journal_.reset();
  readProgressSoon();
  try {
    vault_->remove(citizenId_, resumeFile(sessionId_));
  } catch (const Error& e) {
    problem_ = e.what();
  }
}

session::ExportWriteResult CitizenRecords::exportTo(const fs::path& dir, std::string_view password,
                                                    Language language) const {
  if (!hasRecords()) return {{}, "nothing is kept about this citizen, so there is nothing to hand over"};
  return session::writeExport(dir, session::gatherExport(*vault_, citizenId_), password, language);
}

void CitizenRecords::readProgressSoon() {
  ++progressGeneration_;   // what a running reading brings back is out of date
  progressWanted_ = true;  // the next progress() starts the reading (on the frame thread's next frame)
  if (!consent_.keepNotes) progress_.clear();  // withdrawn or turned off: gone from the console at once
}

std::span<const session::SessionProgress> CitizenRecords::progress() {
  if (progressReading_.valid() && progressReading_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    auto [generation, read] = progressReading_.get();
    if (generation == progressGeneration_) progress_ = std::move(read);
  }
  if (!progressWanted_ || progressReading_.valid()) return progress_;
  progressWanted_ = false;
  if (!vault_ || !consent_.keepNotes) {  // no journals are kept: nothing to read
    progress_.clear();
    return progress_;
  }
  // The reading only reads: the vault outlives it (the future is destroyed first), and the journal being
  // written now, which it would race, is left out.
  progressReading_ = std::async(
      std::launch::async, [vault = vault_.get(), citizen = citizenId_, writing = journal_ ? sessionId_ : std::string(),
                           generation = progressGeneration_] {
        return std::pair(generation, session::readProgress(*vault, citizen, writing));
      });
  return progress_;
}

fs::path documentsFolder() {
  const char* home = std::getenv("HOME");
  if (!home) return fs::current_path();
  for (const char* name : {"Dokumenter", "Documents"})
    if (fs::is_directory(fs::path(home) / name)) return fs::path(home) / name;
  // The console promises the Documents folder: make it rather than leave the page somewhere else.
  const fs::path made = fs::path(home) / (language() == Language::da ? "Dokumenter" : "Documents");
  std::error_code ec;
  fs::create_directory(made, ec);
  return fs::is_directory(made) ? made : fs::path(home);
}

std::vector<UnfinishedSession> CitizenRecords::unfinished() const {
  std::vector<UnfinishedSession> out;
  if (!hasRecords()) return out;
  for (const std::string& id : session::journalSessions(*vault_, citizenId_)) {
    if (journal_ && id == sessionId_) continue;
    const auto journal = session::readJournal(*vault_, citizenId_, id);  // once: each read decrypts every record
    if (journal.finished) continue;
    UnfinishedSession s;
    s.id = id;
    for (const auto& r : journal.records) {
      if (r.kind == "start") s.meeting = r.text;
      if (r.kind == "node") s.lastNode = r.text;
      s.lastTime = r.time;
    }
    const auto resume = vault_->read(citizenId_, resumeFile(id));
    if (resume.bytes) {
      const std::string text = asText(*resume.bytes);
      const std::size_t newline = text.find('\n');
      if (newline != std::string::npos) {
        s.meeting = text.substr(0, newline);
        s.checkpoint = text.substr(newline + 1);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

void CitizenRecords::continueSession(const UnfinishedSession& session, double now) {
  if (!vault_ || !consent_.keepNotes) return;
  journal_.reset();
  try {
    journal_ = std::make_unique<session::JournalWriter>(*vault_, citizenId_, session.id,
                                                        session::JournalOpen::continueExisting);
    sessionId_ = session.id;
    meeting_ = session.meeting;
    lastCheckpoint_ = session.checkpoint;
    recordings_ = 0;
    for (const std::string& name : vault_->files(citizenId_))
      recordings_ += name.starts_with(format("recording-{}-", session.id)) ? 1 : 0;
    append({now, "resume", "resumed after an interruption"});
  } catch (const Error& e) {
    problem_ = e.what();
    journal_.reset();
  }
}

void CitizenRecords::closeSession(const UnfinishedSession& session) {
  if (!vault_) return;
  try {
    {
      session::JournalWriter writer(*vault_, citizenId_, session.id, session::JournalOpen::continueExisting);
      writer.append({session.lastTime, "end", "closed without resuming"});
    }
    readProgressSoon();
    vault_->remove(citizenId_, resumeFile(session.id));
  } catch (const Error& e) {
    problem_ = e.what();
  }
}

}  // namespace overum::app
