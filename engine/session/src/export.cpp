// SPDX-License-Identifier: GPL-3.0-or-later
// Export for the citizen. Sections: gathering from the vault, JSON, the words (da/en), the readable report and
// the self-decrypting page (mustache templates in engine/session/page/), PBKDF2 + AES-256-GCM (nettle), writing it.
// The page's box: {"format", "kdf", "cipher", "iterations", "salt", "iv", "ciphertext"} (base64); the AES-GCM
// associated data is the format string; the plaintext is the JSON {"report": <HTML fragment>, "json": <text>}.
#include <overum/core/utf8.h>
#include <overum/session/export.h>

#include <overum/core/check.h>
#include <overum/session/atomic_file.h>
#include <overum/session/progress_svg.h>

#include <array>
#include <chrono>
#include <ctime>
#include <kainjow/mustache.hpp>
#include <map>
#include <nettle/gcm.h>
#include <nettle/pbkdf2.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <page.h>  // the templates, script and style, embedded at build time
#include <sodium.h>

namespace overum::session {
namespace {

using nlohmann::json;
namespace mustache = kainjow::mustache;

constexpr std::string_view kFormat = "overum-export-1";
constexpr std::string_view kBoxFormat = "overum-export-page-1";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kMinPasswordChars = 8;

// ---- gathering -----------------------------------------------------------------------------------------

std::string utcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// Throws where the vault does; gatherExport turns that into a problem.
void gatherInto(CitizenExport& d, const Vault& vault, std::string_view citizenId) {
  for (const std::string& name : vault.files(citizenId)) {
    if (name.starts_with("recording-")) {
      auto stored = vault.read(citizenId, name);
      if (stored.bytes) d.recordings.push_back({name, std::move(*stored.bytes)});
      else d.problems.push_back(stored.error.empty() ? name + " could not be read" : stored.error);
      continue;
    }
    if (name != "statement") {
      d.otherFiles.push_back(name);
      continue;
    }
    auto stored = vault.read(citizenId, name);
    if (!stored.bytes) {
      d.problems.push_back(stored.error.empty() ? "the statement could not be read" : stored.error);
      continue;
    }
    auto parsed =
        parseStatement(std::string_view(reinterpret_cast<const char*>(stored.bytes->data()), stored.bytes->size()));
    sodium_memzero(stored.bytes->data(), stored.bytes->size());
    if (parsed.statement) {
      d.statement = std::move(parsed.statement);
    } else {
      d.otherFiles.push_back(name);
      d.problems.push_back(
          "the stored statement is not in the statement format, so it is listed among the "
          "other files\n" +
          describeIssues("statement", parsed.issues));
    }
  }
  for (const std::string& id : journalSessions(vault, citizenId)) {
    JournalReadResult journal = readJournal(vault, citizenId, id);
    d.sessions.push_back({id, std::move(journal.records), journal.finished, std::move(journal.problem)});
  }
}

// ---- JSON ----------------------------------------------------------------------------------------------

constexpr std::array<std::string_view, 4> kPartKeys{"introduction", "important", "helpWith", "soThatICan"};

// Journal text is whatever was typed or recognised; invalid UTF-8 must not stop the citizen's export.
std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

json statementJson(const Statement& s) {
  json parts = json::array();
  for (StatementPart part : kStatementParts)
    parts.push_back({{"part", kPartKeys[int(part)]}, {"heading", headingOf(part)}, {"text", s.text(part)}});
  return {{"name", s.name}, {"parts", parts}};
}

// ---- the words -----------------------------------------------------------------------------------------

// The page's words are core's "export.*" entries, in the language chosen for this export; an unknown
// key returns itself, so a missing entry shows instead of a blank.
std::string_view say(Language language, std::string_view key) {
  const std::string full = "export." + std::string(key);
  return hasKey(full) ? tr(full, language) : key;
}

std::string_view headingIn(Language language, StatementPart part) {
  constexpr std::array<std::string_view, 4> keys{"statement.intro", "statement.important", "statement.help",
                                                 "statement.so_that"};
  return tr(keys[int(part)], language);
}

std::string clock(double seconds) {
  const long total = seconds > 0 ? long(seconds) : 0;
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  return text;
}

// A journal record as the citizen's report shows it: what, and the words. The report is theirs to keep,
// so it leaves out what is not about them or not for them: stage directions (look, mood, gesture), the
// facilitator's hints and notes (but those marked "del med borgeren"), internal node names (a part of
// the meeting shows by its Danish heading, when the journal has one) and the program's English words.
// The JSON keeps everything.
struct ReportRow {
  std::string what, text;
};
std::optional<ReportRow> reportRow(Language language, const JournalRecord& r) {
  const auto label = [&](std::string_view kind) { return std::string(say(language, "kind." + std::string(kind))); };
  if (r.kind == "node") {
    if (const std::string* heading = r.field("heading")) return ReportRow{label("node"), *heading};
    return std::nullopt;
  }
  if (r.kind == "line" || r.kind == "choice") return ReportRow{label(r.kind), r.text};
  if (r.kind == "statement" || r.kind == "answer") {
    // "12.5 s, 3 s spoken": the time on the floor, as the clock shows it.
    double floor = 0.0;
    try {
      floor = std::stod(r.text);
    } catch (const std::exception&) {}
    return ReportRow{label(r.kind), format("{} {}", say(language, "report.floor"), clock(floor))};
  }
  if (r.kind == "feedback") {
    const std::string* role = r.field("role");
    return ReportRow{label(role && *role == "try" ? "feedback_try" : "feedback"), r.text};
  }
  if (r.kind == "start" || r.kind == "pause" || r.kind == "resume" || r.kind == "end")
    return ReportRow{label(r.kind), ""};
  // A facilitator's note only when they marked it "del med borgeren".
  if (const std::string* share = r.field("share"); r.kind == "note" && share && *share == "1")
    return ReportRow{label("note"), r.text};
  return std::nullopt;  // commands, hints, the facilitator's other notes and bookmarks, recordings' markers
}

std::string base64(std::span<const std::uint8_t> bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// ---- the readable report and the page (mustache: every {{value}} is escaped) ------------------------------

// The words as template data: the key "page.title" is {{page.title}}.
mustache::data wordsIn(Language language) {
  std::map<std::string_view, mustache::data> groups;
  for (const std::string_view full : keysStartingWith("export.")) {
    const std::string_view key = full.substr(std::string_view("export.").size());
    const std::size_t dot = key.find('.');
    groups[key.substr(0, dot)].set(std::string(key.substr(dot + 1)), std::string(tr(full, language)));
  }
  mustache::data words;
  for (const auto& [group, entries] : groups) words.set(std::string(group), entries);
  return words;
}

mustache::data listOf(const std::vector<std::string>& items) {
  mustache::data list{mustache::data::type::list};
  for (const std::string& item : items) list.push_back(item);
  return list;
}

std::string render(std::string_view source, const mustache::data& data) {
  mustache::mustache tmpl{std::string(source)};
  std::string out = tmpl.render(data);
  OVERUM_CHECK(tmpl.is_valid(), "the export's template: {}", tmpl.error_message());
  return out;
}

// "Din udvikling": a chart per measure that two or more sessions have, a sentence for one that only one has.
void setProgress(mustache::data& report, const CitizenExport& d, Language lang) {
  const std::vector<SessionProgress> progress = progressOf(d.sessions);
  mustache::data charts{mustache::data::type::list};
  std::vector<std::string> singles;
  bool any = false;
  for (const ProgressChart& chart : progressCharts(progress)) {
    if (chart.sessionsWithData() >= 2) charts.push_back(mustache::data("svg", chartSvg(chart, lang)));
    else singles.push_back(chartSentence(chart, lang));
    any = true;
  }
  report.set("hasProgress", any);
  report.set("charts", charts);
  report.set("singles", listOf(singles));
}

std::string reportHtml(const CitizenExport& d, Language lang) {
  mustache::data report = wordsIn(lang);
  report.set("exportedAt", d.exportedAt);
  report.set("citizenId", d.citizenId);
  if (d.statement) {
    mustache::data statement, parts{mustache::data::type::list};
    if (!d.statement->name.empty()) statement.set("name", d.statement->name);
    for (StatementPart part : kStatementParts) {
      mustache::data p;
      p.set("heading", std::string(headingIn(lang, part)));
      p.set("text", d.statement->text(part));
      parts.push_back(p);
    }
    statement.set("parts", parts);
    report.set("statement", statement);
  }
  setProgress(report, d, lang);
  mustache::data sessions{mustache::data::type::list};
  for (const SessionExport& s : d.sessions) {
    mustache::data session, records{mustache::data::type::list};
    session.set("id", s.id);
    session.set("finished", s.finished);
    if (!s.problem.empty()) session.set("problem", s.problem);
    for (const JournalRecord& r : s.records) {
      const std::optional<ReportRow> row = reportRow(lang, r);
      if (!row) continue;
      mustache::data record;
      record.set("time", clock(r.time));
      record.set("kind", row->what);
      record.set("text", row->text);
      records.push_back(record);
    }
    session.set("records", records);
    sessions.push_back(session);
  }
  report.set("sessions", sessions);
  mustache::data recordings{mustache::data::type::list};
  for (const CitizenExport::Recording& r : d.recordings) {
    mustache::data recording;
    recording.set("name", r.name);
    recording.set("type", std::string(r.type()));
    recording.set("audio", base64(r.sound));
    recordings.push_back(recording);
  }
  report.set("recordings", recordings);
  report.set("hasRecordings", !d.recordings.empty());
  report.set("otherFiles", listOf(d.otherFiles));
  report.set("hasOtherFiles", !d.otherFiles.empty());
  report.set("problems", listOf(d.problems));
  report.set("hasProblems", !d.problems.empty());
  return render(page::report_mustache, report);
}

std::string pageHtml(Language lang, const std::string& box) {
  mustache::data values = wordsIn(lang);
  values.set("lang", lang == Language::en ? "en" : "da");
  values.set("style", std::string(page::page_css));
  values.set("box", box);
  values.set("decryptScript", std::string(page::decrypt_js));
  values.set("pageScript", std::string(page::page_js));
  return render(page::page_mustache, values);
}

// ---- encryption (nettle: portable, with or without the processor's AES instructions) ----------------------

const std::uint8_t* bytesOf(std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

// AES-256-GCM with the box's format as associated data; the 16-byte tag follows the ciphertext, as WebCrypto
// expects it.
Bytes encrypt(std::string_view plain, const SecretKey& key, std::span<const std::uint8_t> iv) {
  gcm_aes256_ctx gcm;
  gcm_aes256_set_key(&gcm, key.data());
  gcm_aes256_set_iv(&gcm, iv.size(), iv.data());
  gcm_aes256_update(&gcm, kBoxFormat.size(), bytesOf(kBoxFormat));
  Bytes cipher(plain.size() + GCM_DIGEST_SIZE);
  gcm_aes256_encrypt(&gcm, plain.size(), cipher.data(), bytesOf(plain));
  gcm_aes256_digest(&gcm, GCM_DIGEST_SIZE, cipher.data() + plain.size());
  sodium_memzero(&gcm, sizeof gcm);  // the expanded key
  return cipher;
}

}  // namespace

std::string_view CitizenExport::Recording::type() const {
  return sound.size() >= 4 && std::equal(sound.begin(), sound.begin() + 4, "OggS") ? "audio/ogg" : "audio/wav";
}

// ---- public functions ----------------------------------------------------------------------------------

CitizenExport gatherExport(const Vault& vault, std::string_view citizenId) {
  CitizenExport d;
  d.citizenId = std::string(citizenId);
  d.exportedAt = utcNow();
  if (!Vault::validId(citizenId)) {
    d.problems.push_back(format("'{}' is not a valid citizen id (letters, digits, - and _)", citizenId));
    return d;
  }
  try {
    gatherInto(d, vault, citizenId);
  } catch (const std::exception& e) {
    d.problems.push_back(format("reading the citizen's data stopped early: {}", e.what()));
  }
  return d;
}

std::string toJson(const CitizenExport& d) {
  json sessions = json::array();
  for (const SessionExport& s : d.sessions) {
    json records = json::array();
    for (const JournalRecord& r : s.records) {
      json record{{"time", r.time}, {"kind", r.kind}, {"text", r.text}};
      if (!r.fields.empty()) {  // a turn's speech measures, a feedback sentence's rule
        json fields = json::object();
        for (const auto& [name, value] : r.fields) fields[name] = value;
        record["fields"] = fields;
      }
      records.push_back(record);
    }
    sessions.push_back({{"id", s.id},
                        {"finished", s.finished},
                        {"problem", s.problem.empty() ? json(nullptr) : json(s.problem)},
                        {"records", records}});
  }
  json recordings = json::array();
  for (const CitizenExport::Recording& r : d.recordings)
    recordings.push_back({{"name", r.name}, {"type", r.type()}, {"audio", base64(r.sound)}});
  const json out = {
      {"format", kFormat},          {"exportedAt", d.exportedAt},
      {"citizen", d.citizenId},     {"statement", d.statement ? statementJson(*d.statement) : json(nullptr)},
      {"sessions", sessions},       {"recordings", recordings},
      {"otherFiles", d.otherFiles}, {"problems", d.problems}};
  return dump(out, 2);
}

SecretKey pbkdf2Sha256(std::string_view password, std::span<const std::uint8_t> salt, std::uint32_t iterations) {
  OVERUM_CHECK(iterations >= 1, "PBKDF2 needs at least one iteration");
  SecretKey key;
  pbkdf2_hmac_sha256(password.size(), bytesOf(password), iterations, salt.size(), salt.data(), SecretKey::kSize,
                     key.data());
  return key;
}

HtmlExport exportHtml(const CitizenExport& data, std::string_view password, Language language,
                      std::uint32_t iterations) {
  if (utf8Length(password) < kMinPasswordChars)
    return {"", format("the password must have at least {} characters; nothing was exported", kMinPasswordChars)};
  if (iterations < 1) return {"", "the number of PBKDF2 iterations must be at least 1; nothing was exported"};
  if (!initialiseSodium())  // for the random salt and IV
    return {"", "the encryption library (libsodium) could not start; nothing was exported"};

  std::string plain = dump(json{{"report", reportHtml(data, language)}, {"json", toJson(data)}}, -1);
  std::array<std::uint8_t, kSaltBytes> salt{};
  std::array<std::uint8_t, GCM_IV_SIZE> iv{};
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(iv.data(), iv.size());
  const Bytes cipher = encrypt(plain, pbkdf2Sha256(password, salt, iterations), iv);
  sodium_memzero(plain.data(), plain.size());

  // Base64 and digits only, so the box cannot end its <script> element early.
  const std::string box = dump(json{{"format", kBoxFormat},
                                    {"kdf", "PBKDF2-SHA-256"},
                                    {"cipher", "AES-256-GCM"},
                                    {"iterations", iterations},
                                    {"salt", base64(salt)},
                                    {"iv", base64(iv)},
                                    {"ciphertext", base64(cipher)}},
                               -1);
  return {pageHtml(language, box), ""};
}

ExportWriteResult writeExport(const std::filesystem::path& dir, const CitizenExport& data, std::string_view password,
                              Language language, std::uint32_t iterations) {
  if (!Vault::validId(data.citizenId))
    return {{}, format("'{}' is not a valid citizen id; nothing was exported", data.citizenId)};
  HtmlExport page = exportHtml(data, password, language, iterations);
  if (!page.error.empty()) return {{}, page.error};
  // Only a well-formed date goes into the file name, so exportedAt can never steer the path.
  std::string date = data.exportedAt.substr(0, 10);
  if (date.size() != 10 || date.find_first_not_of("0123456789-") != std::string::npos) date.clear();
  const std::filesystem::path path = dir / ("overum-" + data.citizenId + (date.empty() ? "" : "-" + date) + ".html");
  try {
    writeFileAtomically(path, asBytes(page.html));
  } catch (const Error& e) {
    return {{}, e.what()};
  }
  return {path, ""};
}

}  // namespace overum::session
