// SPDX-License-Identifier: GPL-3.0-or-later
// The session journal: every event, note and speech segment of one session, appended as it happens.
// Each record is sealed on its own and fsync'ed, so a crash or power loss loses at most the record
// being written; records are bound to their position, so a removed or reordered record is detected,
// and a damaged record costs only itself: reading goes on at the next good one.
#pragma once
#include <overum/session/vault.h>

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace overum::session {

struct JournalRecord {
  double time = 0.0;  // seconds since the session started
  std::string kind;   // "start", "node", "line", "choice", "statement", "answer", "note", "bookmark", "pause",
                      // "resume", "feedback", "end"
  std::string text;   // what happened (a node title, a choice, a note the facilitator typed)
  // Named values that belong to the record, in order: a turn's speech measures ("latency_s", "3.2"),
  // a feedback sentence's rule. Empty in journals written before records carried them (they still load).
  std::vector<std::pair<std::string, std::string>> fields = {};

  const std::string* field(std::string_view name) const;      // null when absent
  std::optional<double> number(std::string_view name) const;  // empty when absent or not a number
};

enum class JournalOpen : std::uint8_t {
  startNew,          // a new session: fails if the journal exists
  continueExisting,  // a resumed session: appends after the last sound record (a record cut off by a
                     // crash is dropped first); refuses a journal whose rest cannot be read
};

class JournalWriter {
 public:
  // Opens the journal of sessionId (letters, digits, '-', '_') in the citizen's part of the vault.
  // Throws overum::Error with what to do when it cannot.
  JournalWriter(Vault& vault, std::string_view citizenId, std::string_view sessionId,
                JournalOpen how = JournalOpen::startNew);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  void append(const JournalRecord& record);  // throws overum::Error when the disk refuses the write
  std::size_t recordCount() const { return count_; }

 private:
  void write(std::span<const std::uint8_t> bytes);

  SecretKey key_;
  std::string citizenId_;
  std::string sessionId_;
  int fd_ = -1;
  std::size_t count_ = 0;  // the next record's index
  bool version1_ = false;  // continuing a journal written before records carried sync marks
};

struct JournalReadResult {
  std::vector<JournalRecord> records;   // every record that could be verified, in order
  bool finished = false;                // the last readable record is "end": the session was closed normally
  std::string problem;                  // empty, or what was damaged and how much was recovered
  bool damaged = false;                 // a record was altered, damaged or removed (not merely cut off by a crash)
  bool cutOff = false;                  // the last record was cut off by a crash while it was written
  bool restUnread = false;              // nothing after the damage could be read (an old journal, or no key)
  std::size_t lostRecords = 0;          // how many records the damage cost
  std::optional<std::size_t> firstGap;  // where in `records` the first damaged or removed record was; none: none was
  std::size_t soundBytes = 0;           // where the last verified record ends
  std::size_t nextIndex = 0;            // the index a record appended now takes
  bool version2 = true;                 // written with sync marks
};

JournalReadResult readJournal(const Vault& vault, std::string_view citizenId, std::string_view sessionId);
std::vector<std::string> journalSessions(const Vault& vault, std::string_view citizenId);        // sorted ids
void removeJournal(const Vault& vault, std::string_view citizenId, std::string_view sessionId);  // gone if absent
// Sessions whose journal does not end with "end": candidates for "resume or close" at the next start.
std::vector<std::string> unfinishedSessions(const Vault& vault, std::string_view citizenId);

}  // namespace overum::session
