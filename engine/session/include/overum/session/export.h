// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's copy of their data: everything stored about them as JSON, and a password-protected HTML
// page that decrypts itself in the browser (WebCrypto), so the export never holds the data in plain text.
#pragma once
#include <overum/core/strings.h>
#include <overum/session/journal.h>
#include <overum/session/statement.h>
#include <overum/session/vault.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace overum::session {

struct SessionExport {
  std::string id;                      // the journal's session id
  std::vector<JournalRecord> records;  // every record that could be verified, in order
  bool finished = false;               // the session was closed normally
  std::string problem;                 // empty, or what was damaged and how much was recovered
};

struct CitizenExport {
  std::string citizenId;                // the pseudonym, never a name
  std::string exportedAt;               // UTC, "2026-11-29T10:15:00Z"
  std::optional<Statement> statement;   // the vault file "statement"; empty when none could be read
  std::vector<SessionExport> sessions;  // sorted by session id
  struct Recording {
    std::string name;               // "recording-<session>-<n>"
    Bytes sound;                    // Ogg Opus (WAV before replays were kept), as recorded with the citizen's consent
    std::string_view type() const;  // its media type: "audio/ogg" or "audio/wav"
  };
  std::vector<Recording> recordings;    // the citizen's own voice, by name
  std::vector<std::string> otherFiles;  // names of the citizen's other vault files (contents not exported)
  std::vector<std::string> problems;    // what could not be read, in plain words
};

// Reads everything the vault holds about the citizen. Never throws: what cannot be read is named in problems.
CitizenExport gatherExport(const Vault& vault, std::string_view citizenId);

// The stable JSON shape (UTF-8, indented; a field is never removed or renamed within one "format"):
// { "format": "overum-export-1", "exportedAt": "…Z", "citizen": "<pseudonym>",
//   "statement": null | { "name": "…", "parts": [ { "part": "introduction" | "important" | "helpWith" |
//                          "soThatICan", "heading": "<Danish heading>", "text": "…" } × 4 ] },
//   "sessions": [ { "id": "…", "finished": bool, "problem": null | "…",
//                   "records": [ { "time": seconds, "kind": "start" | "note" | …, "text": "…" } ] } ],
//   "recordings": [ { "name": "recording-…", "type": "audio/ogg", "audio": "<base64 of the file>" } ],
//   "otherFiles": [ "…" ], "problems": [ "…" ] }
std::string toJson(const CitizenExport& data);

inline constexpr std::uint32_t kExportIterations = 600'000;  // PBKDF2 rounds; OWASP 2023 for SHA-256

struct HtmlExport {
  std::string html;   // the whole page; empty on error
  std::string error;  // plain words: why no page was made
};

// One self-contained page (no network, works from file://). It holds only the AES-256-GCM ciphertext of the
// readable report and the JSON, with the PBKDF2-SHA-256 salt, iteration count and IV; its inline script asks
// for the password, shows the report and offers the JSON as a download. Passwords need 8 characters or more.
HtmlExport exportHtml(const CitizenExport& data, std::string_view password, Language language = Language::da,
                      std::uint32_t iterations = kExportIterations);

struct ExportWriteResult {
  std::filesystem::path path;  // the page written, "overum-<citizen>-<date>.html"; empty on error
  std::string error;
};
// Writes exportHtml's page into dir atomically (0600); nothing is written when it fails.
ExportWriteResult writeExport(const std::filesystem::path& dir, const CitizenExport& data, std::string_view password,
                              Language language = Language::da, std::uint32_t iterations = kExportIterations);

// PBKDF2-HMAC-SHA-256 (nettle) with a 32-byte output, as WebCrypto's deriveKey computes it for AES-256.
SecretKey pbkdf2Sha256(std::string_view password, std::span<const std::uint8_t> salt, std::uint32_t iterations);

}  // namespace overum::session
