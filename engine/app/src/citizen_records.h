// SPDX-License-Identifier: GPL-3.0-or-later
// What Øverum keeps about one citizen, and only with their consent: the choices they agreed to, the
// statement they chose to save, the session journal appended as the meeting goes, and the point an
// interrupted session can be resumed from. All of it sealed in the vault (engine/session).
#pragma once
#include <overum/audio/pcm.h>
#include <overum/core/check.h>
#include <overum/meeting/director.h>
#include <overum/session/citizen_data.h>
#include <overum/session/citizen_lock.h>
#include <overum/session/export.h>
#include <overum/session/journal.h>
#include <overum/session/progress.h>
#include <overum/session/replay_track.h>
#include <overum/session/statement.h>

#include "ratings.h"
#include "speech_worker.h"

#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace overum::app {

// An earlier session that did not end normally (the program crashed or the power went).
struct UnfinishedSession {
  std::string id;          // "20261129-101500"
  std::string meeting;     // the meeting's id (meetingId()): "myndighedsmoede", or a folder's absolute path
  std::string lastNode;    // where it was, for the question "resume or close?"
  std::string checkpoint;  // Director::resumeFrom() bytes; empty when none was saved
  double lastTime = 0.0;   // meeting clock of its last record
};

class CitizenRecords {
 public:
  struct OpenResult {
    std::unique_ptr<CitizenRecords> records;  // null on error
    std::string error;                        // plain words, what to do
  };
  // Nothing is created on disk here: a vault that does not exist yet is made at the first consent.
  // A wrong passphrase for an existing vault is an error.
  static OpenResult open(const std::filesystem::path& vaultDir, std::string citizenId, std::string passphrase,
                         const session::KdfLimits& limits = {});
  ~CitizenRecords();

  const session::Consent& consent() const { return consent_; }
  // Keeps the consent given (when any), and deletes what a choice turned off covered: the statement,
  // the journals, or everything when nothing is consented to any more.
  void setConsent(const session::Consent& consent);
  // One click: everything about the citizen is erased, the key first. False (and problem() says what
  // is left and where) when the disk refused: withdrawal is never reported done when it is not.
  bool withdraw();

  // The statement saved earlier; empty when none (a damaged one is reported in `problem`).
  std::optional<session::Statement> storedStatement(std::string& problem) const;
  // Only with consent to save it, and never the bundled example; a damaged stored one is set aside first.
  void keepStatement(const session::Statement& statement);
  void setSampleStatement(const session::Statement& sample);  // the example shown when the citizen has none

  // The journal of a meeting, when the citizen agreed to keep notes. Begin and end are idempotent.
  // `meeting` is the meeting's id (meetingId(): its folder's name under scenarios/, or the folder's
  // absolute path elsewhere, so a meeting kept anywhere can be resumed); the journal shows its name.
  // `difficulty` (stoettende, neutral, presset) goes with the start, for the citizen's progress over sessions.
  void beginSession(std::string_view meeting, double now, std::string_view difficulty = {});
  // A statement or answer entry takes the next of `turnFields` (its speech measures, measureFields()),
  // in order; turns without are kept as before.
  using Fields = std::vector<std::pair<std::string, std::string>>;
  void record(const std::vector<meeting::LogEntry>& entries, const meeting::Director& director,
              std::span<const Fields> turnFields = {});
  // The feedback sentences the citizen was shown at the end (hidden ones are not kept), one record each.
  void keepFeedback(const std::vector<FeedbackSentence>& shown, double now);
  void note(const session::Note& note);
  // How the citizen said they felt (ratings.h), or that they skipped the question.
  void keepRating(const Rating& rating, double now);
  // What the citizen said in one turn, kept only when they agreed to audio recording and a journal
  // is open; named in the journal ("recording-<session>-<n>"), placed on the meeting's clock by `endsAt`,
  // when its last sample was heard.
  void keepRecording(const audio::Pcm& speech, double endsAt);
  // What a replay needs (session/replay_track.h), kept with the journal: the director's start (and a sealed
  // copy of the meeting's files as they were, once per version, so an older session replays with the
  // scenario it was held with), the inputs and facilitator actions, line ends, the citizen's voice and head.
  void keepReplayStart(const session::ReplayStart& start,
                       const std::vector<std::pair<std::string, std::string>>& files);
  void keepReplayInput(const session::ReplayInput& input);
  void keepReplayAction(const session::ReplayAction& action);
  void keepLineDone(std::size_t line, double now);
  void keepVoiceHeard(bool heard, double now);
  void keepHeadPose(const Pose& head, double now);
  // The meeting's files as kept with the session whose scenario had this fingerprint; none when not kept.
  std::optional<std::vector<std::pair<std::string, std::string>>> keptScenario(std::string_view hash) const;
  // A kept session's journal as a replay track (its problem says why it stops early or cannot play).
  session::ReplayTrack replayTrack(std::string_view sessionId) const;
  // A turn's recorded voice (keepRecording), for the replay; none when not kept or unreadable.
  std::optional<audio::Pcm> recording(std::string_view name) const;
  // The sessions kept for this citizen, oldest first.
  std::vector<std::string> sessions() const;
  void endSession(double now, std::string_view how);
  // Closes the journal as interrupted, not ended: its checkpoint stays, so the next start offers to
  // resume it (the headset was lost mid-meeting).
  void suspendSession(double now, std::string_view why);
  bool sessionOpen() const { return journal_ != nullptr; }

  // The citizen's own copy: everything kept about them as one password-protected page in `dir`.
  session::ExportWriteResult exportTo(const std::filesystem::path& dir, std::string_view password,
                                      Language language) const;

  std::vector<UnfinishedSession> unfinished() const;
  // Carries on an unfinished session's journal (the app restores the meeting from its checkpoint).
  void continueSession(const UnfinishedSession& session, double now);
  void closeSession(const UnfinishedSession& session);  // marks it ended without resuming

  // The citizen's sessions summarised for the console's progress charts. Read off the frame thread: when
  // the records open and after a session ends or is closed, a reading starts on its own thread; each call
  // swaps in a finished one and otherwise returns the last (empty at first). Never blocks.
  std::span<const session::SessionProgress> progress();

  const std::string& citizenId() const { return citizenId_; }
  // The last storage problem in plain words (a full disk, a damaged file); empty when none. The
  // meeting goes on: the citizen must not lose the meeting to a storage problem.
  const std::string& problem() const { return problem_; }
  void clearProblem() { problem_.clear(); }
  // Whether part of a meeting the citizen agreed to keep could not be written (a full disk): the
  // exit status says so, and the facilitator is told at once.
  bool somethingNotKept() const { return notKept_; }

 private:
  CitizenRecords() = default;
  bool ensureVault();
  bool hasRecords() const { return vault_ && vault_->hasCitizen(citizenId_); }  // anything kept about this citizen
  void append(const session::JournalRecord& record);
  void appendReplaySamples(double now, bool all = false);
  void writeCheckpoint(const meeting::Director& director);
  void notKept(const Error& e);
  void readProgressSoon();  // the next progress() starts a reading (or the one after the reading running now)

  std::unique_ptr<session::CitizenLock> lock_;  // held while this process may write the citizen's records
  std::filesystem::path vaultDir_;
  std::string citizenId_;
  std::string passphrase_;  // kept only until the vault is first created
  session::KdfLimits limits_;
  std::unique_ptr<session::Vault> vault_;
  session::Consent consent_;
  std::unique_ptr<session::JournalWriter> journal_;
  std::string sessionId_, meeting_, lastCheckpoint_;
  int recordings_ = 0;
  session::ReplayRecorder replaySamples_;
  double lastTime_ = 0.0;
  std::string problem_;
  std::string sampleStatement_;  // formatted, to compare
  bool notKept_ = false;
  // Progress over sessions (progress()): the last reading; whether another is wanted; the one running, which
  // names the generation it started in, so one from before a withdrawal or a change of consent is dropped.
  // Declared after vault_, so its destruction (which waits for a running reading) comes first.
  std::vector<session::SessionProgress> progress_;
  bool progressWanted_ = false;
  int progressGeneration_ = 0;
  std::future<std::pair<int, std::vector<session::SessionProgress>>> progressReading_;
};

std::string_view journalKind(meeting::LogEntry::Kind kind);  // "node", "choice", …

// What the citizen agreed to, as kept in the vault (all off when nothing is); `problem` is set when
// the record is damaged.
session::Consent storedConsent(const session::Vault& vault, std::string_view citizenId, std::string& problem);

// Where a page for the citizen goes: ~/Dokumenter or ~/Documents, made in the user's language when
// there is neither (the console says "Dokumenter"); the home folder only when that cannot be made.
std::filesystem::path documentsFolder();

}  // namespace overum::app
