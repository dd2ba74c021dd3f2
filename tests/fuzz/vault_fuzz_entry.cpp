// SPDX-License-Identifier: GPL-3.0-or-later
// The vault and journal fuzz body; see vault_fuzz_entry.h.
#include "vault_fuzz_entry.h"

#include <overum/core/check.h>
#include <overum/core/files.h>
#include <overum/session/atomic_file.h>
#include <overum/session/journal.h>
#include <overum/session/replay_track.h>
#include <overum/session/vault.h>

#include <cmath>
#include <filesystem>
#include <unistd.h>

namespace overum::session::fuzz {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPassphrase = "fuzz-passphrase";
constexpr int kRecords = 6;

struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("overum-vault-fuzz-" + std::to_string(::getpid()));
  fs::path scratch = dir / "scratch";
  std::unique_ptr<Vault> vault;
  Bytes keyFile, journal;

  Fixture() {
    fs::remove_all(dir);
    vault = Vault::open(dir / "vault", kPassphrase, {1, 8u << 10}).vault;
    if (!vault) __builtin_trap();
    {
      JournalWriter w(*vault, "f", "real");
      for (int i = 0; i < kRecords - 1; ++i) w.append({double(i), "line", "replik " + std::to_string(i)});
      w.append({9.0, "end", ""});
    }
    keyFile = *overum::readWholeFile(dir / "vault" / "vault.key");
    journal = *overum::readWholeFile(dir / "vault" / "citizens" / "f" / "real.journal");
  }
  ~Fixture() { fs::remove_all(dir); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

Bytes edited(const Bytes& original, const std::uint8_t* edits, std::size_t size) {
  Bytes out = original;
  for (std::size_t i = 0; i + 1 < size && !out.empty(); i += 2) out[edits[i] * 7 % out.size()] ^= edits[i + 1];
  return out;
}

}  // namespace

// Records a replay track is read from, made of the input's text: "kind|text|name=value|…" a line. The reader
// must take anything a record can hold, and what it gives must be usable (times finite, poses normalised).
int replayTrackOne(std::string_view text) {
  JournalReadResult journal;
  journal.records.push_back(replayStartRecord({0.5, "", 3, "h", "m", {}}));
  double time = 1.0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    JournalRecord r{time += 0.25, "track", {}, {}};
    for (int part = 0; !line.empty(); ++part) {
      const std::size_t bar = std::min(line.find('|'), line.size());
      const std::string_view piece = line.substr(0, bar);
      line.remove_prefix(std::min(bar + 1, line.size()));
      if (part == 0) r.kind = piece;
      else if (part == 1) r.text = piece;
      else {
        const std::size_t eq = std::min(piece.find('='), piece.size());
        r.fields.emplace_back(std::string(piece.substr(0, eq)),
                              std::string(piece.substr(std::min(eq + 1, piece.size()))));
      }
    }
    journal.records.push_back(std::move(r));
  }
  const ReplayTrack t = replayTrackOf(journal);
  if (!t.start && t.problem.empty()) __builtin_trap();  // a track it cannot play always says why
  for (const HeadSample& h : t.head)
    if (!std::isfinite(h.time) || std::abs(glm::length(h.head.orientation) - 1.0f) > 1e-3f) __builtin_trap();
  for (const double d : t.lineDone)
    if (std::isinf(d)) __builtin_trap();
  return 0;
}

int runOne(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 4)
    return replayTrackOne({reinterpret_cast<const char*>(data + 1), size - 1});  // byte 0 bit 2: a replay track
  Fixture& f = fixture();
  const bool journal = data[0] & 1, raw = data[0] & 2;
  const Bytes& real = journal ? f.journal : f.keyFile;
  const Bytes input = raw ? Bytes(data + 1, data + size) : edited(real, data + 1, size - 1);
  std::size_t flipped = 0;
  if (!raw)
    for (std::size_t i = 0; i < real.size(); ++i) flipped += input[i] != real[i];

  if (!journal) {
    writeFileAtomically(f.scratch / "vault.key", input);
    const auto opened = Vault::open(f.scratch, kPassphrase);
    if (!opened.vault && opened.error.empty()) __builtin_trap();  // a refusal always says why
    if (input == real && !opened.vault) __builtin_trap();
    return 0;
  }
  // The same session id: records are sealed with it, so a copy under another name reads as altered.
  const fs::path file = f.vault->directory() / "citizens" / "f" / "real.journal";
  writeFileAtomically(file, input);
  const JournalReadResult read = readJournal(*f.vault, "f", "real");
  if (input == real && !read.problem.empty()) __builtin_trap();  // only damage is reported,
  if (!raw && read.problem.empty() && read.records.size() != std::size_t(kRecords)) __builtin_trap();  // and all of it
  // One edited byte costs at most the record it hit.
  if (!raw && flipped == 1 && read.records.size() + 1 < std::size_t(kRecords)) __builtin_trap();
  try {
    JournalWriter w(*f.vault, "f", "real", JournalOpen::continueExisting);
    w.append({99.0, "note", "efter"});
  } catch (const Error&) {
    return 0;  // refused with a reason: fine
  }
  const JournalReadResult after = readJournal(*f.vault, "f", "real");
  if (after.records.size() != read.records.size() + 1 || after.records.back().text != "efter") __builtin_trap();
  return 0;
}

}  // namespace overum::session::fuzz
