// SPDX-License-Identifier: GPL-3.0-or-later
// The citizen's export: gathered from the vault, a stable JSON shape, and a page that only the password
// opens, checked both with nettle's AES-GCM here and with the page's own script under node's WebCrypto.
#include <overum/core/files.h>
#include <overum/session/export.h>

#include <overum/session/atomic_file.h>
#include <overum/session/journal.h>

#include "export_samples.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nettle/gcm.h>
#include <nettle/memops.h>
#include <nlohmann/json.hpp>
#include <random>
#include <sodium.h>
#include <sys/stat.h>
#include <sys/wait.h>

using namespace overum::session;
using namespace overum::session::samples;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
const KdfLimits kFastKdf{1, 8u << 10};
constexpr std::uint32_t kFastIterations = 1000;  // the real default (600 000) takes about a second
constexpr std::string_view kPassword = "kodeord-æøå-123";

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("overum-export-test-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

struct TempVault {
  TempDir dir;
  std::unique_ptr<Vault> vault = Vault::open(dir.path / "vault", "hemmelig-kode", kFastKdf).vault;
};

// A citizen as the app stores one: the statement, one finished session with a note, one cut off by a crash.
void storeCitizen(Vault& vault, const Statement& statement) {
  vault.write("borger-1", "statement", asBytes(formatStatement(statement)));
  vault.write("borger-1", "consent", asBytes("statement=ja"));
  {
    JournalWriter w(vault, "borger-1", "2026-11-22-1");
    w.append({0.0, "start", "myndighedsmoede"});
    w.append({75.5, "note", "Søren talte roligt <godt>"});
    w.append({120.0, "end", ""});
  }
  {
    JournalWriter w(vault, "borger-1", "2026-11-23-1");
    w.append({0.0, "start", "opfoelgning"});
    w.append({3.0, "choice", "Ja tak"});
  }
  const fs::path cut = vault.directory() / "citizens" / "borger-1" / "2026-11-23-1.journal";
  fs::resize_file(cut, fs::file_size(cut) - 3);
}

std::string between(std::string_view text, std::string_view open, std::string_view close) {
  const auto from = text.find(open);
  REQUIRE(from != std::string_view::npos);
  const auto to = text.find(close, from + open.size());
  REQUIRE(to != std::string_view::npos);
  return std::string(text.substr(from + open.size(), to - from - open.size()));
}

json boxOf(const std::string& html) {
  return json::parse(between(html, "<script id=\"overum-box\" type=\"application/json\">", "</script>"));
}

Bytes fromBase64(const std::string& text) {
  Bytes out(text.size());
  std::size_t length = 0;
  REQUIRE(sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                            sodium_base64_VARIANT_ORIGINAL) == 0);
  out.resize(length);
  return out;
}

// Decrypts the page the way a browser does, with nettle's AES-256-GCM (the tag after the ciphertext); empty on
// a wrong password.
std::optional<json> decryptInCpp(const std::string& html, std::string_view password) {
  const json box = boxOf(html);
  const Bytes salt = fromBase64(box["salt"]), iv = fromBase64(box["iv"]), cipher = fromBase64(box["ciphertext"]);
  const std::string ad = box["format"];
  const SecretKey key = pbkdf2Sha256(password, salt, box["iterations"]);
  REQUIRE(cipher.size() >= GCM_DIGEST_SIZE);
  const std::size_t length = cipher.size() - GCM_DIGEST_SIZE;
  std::string plain(length, '\0');
  std::uint8_t tag[GCM_DIGEST_SIZE];
  gcm_aes256_ctx gcm;
  gcm_aes256_set_key(&gcm, key.data());
  gcm_aes256_set_iv(&gcm, iv.size(), iv.data());
  gcm_aes256_update(&gcm, ad.size(), reinterpret_cast<const std::uint8_t*>(ad.data()));
  gcm_aes256_decrypt(&gcm, length, reinterpret_cast<std::uint8_t*>(plain.data()), cipher.data());
  gcm_aes256_digest(&gcm, GCM_DIGEST_SIZE, tag);
  if (!memeql_sec(tag, cipher.data() + length, GCM_DIGEST_SIZE)) return std::nullopt;
  return json::parse(plain);
}

struct NodeRun {
  int exitCode = -1;
  std::string output;
};

// Runs JavaScript under node with the password as argv[2]. Node 19+ has the browser's WebCrypto at
// globalThis.crypto; Debian 12's node 18 only as require("crypto").webcrypto, so that stands in for it there.
NodeRun runNode(const std::string& source, std::string_view password, const fs::path& dir) {
  const std::string node = OVERUM_NODE;
  if (node.empty() || node.ends_with("NOTFOUND") || !fs::exists(node))
    FAIL("node is not installed; run scripts/setup.sh (Debian package nodejs)");
  const fs::path script = dir / "open-page.js";
  std::ofstream(script) << "if (!globalThis.crypto) globalThis.crypto = require('crypto').webcrypto;\n" << source;
  const std::string command = node + " '" + script.string() + "' '" + std::string(password) + "' 2>&1";
  NodeRun run;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The page's decrypt function exactly as written in its <script id="overum-decrypt">, called on its box.
std::string decryptProgram(const std::string& html) {
  return between(html, "<script id=\"overum-decrypt\">", "</script>") + "\nconst box = " + boxOf(html).dump() +
         ";\noverumDecrypt(process.argv[2], box).then(\n"
         "    (opened) => process.stdout.write(JSON.stringify(opened)),\n"
         "    (error) => { process.stderr.write(String(error)); process.exit(3); });\n";
}

// All of the page's scripts on a stand-in for the few elements they touch: types the password, submits the
// form, and prints what the citizen would then see.
std::string pageProgram(const std::string& html) {
  const std::string box = between(html, "<script id=\"overum-box\" type=\"application/json\">", "</script>");
  const std::string stage = R"JS(
const elements = {};
const element = (id) => elements[id] = elements[id] ||
    {hidden: true, value: "", innerHTML: "", href: "", listeners: {},
     addEventListener(type, f) { this.listeners[type] = f; }};
globalThis.document = {getElementById: element};
)JS";
  const std::string play = R"JS(
(async () => {
  element("password").value = process.argv[2];
  await element("unlock").listeners.submit({preventDefault() {}});
  process.stdout.write(JSON.stringify({
    report: element("report").innerHTML, formShown: !element("unlock").hidden, wrongShown: !element("wrong").hidden,
    password: element("password").value, download: element("download").href,
    downloadShown: !element("download").hidden}));
})();
)JS";
  return stage + "element('overum-box').textContent = " + json(box).dump() + ";\n" +
         between(html, "<script id=\"overum-decrypt\">", "</script>") + "\n" + between(html, "<script>", "</script>") +
         play;
}

}  // namespace

TEST_CASE("PBKDF2-HMAC-SHA-256 matches the published test vectors") {
  auto hex = [](std::string_view password, std::string_view salt, std::uint32_t iterations) {
    const SecretKey key = pbkdf2Sha256(password, asBytes(salt), iterations);
    std::string out(SecretKey::kSize * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), key.data(), SecretKey::kSize);
    out.pop_back();
    return out;
  };
  CHECK(hex("password", "salt", 1) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
  CHECK(hex("password", "salt", 2) == "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
  CHECK(hex("password", "salt", 4096) == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
  CHECK(hex("passwd", "salt", 1) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  CHECK(hex(std::string(100, 'x'), "salt", 3) == "59bfa49750dd5462ce38370a1e7abe0736ff334cf1c2f0d84f23a03435d660d1");
  CHECK(hex("kodeord æøå", "0123456789abcdef", 1000) ==
        "b55631006891a8f1bca0d33b1490e564ca4284c0dd9be1929ae518b98170fd19");
}

TEST_CASE("the export gathers the statement, every session and the other files") {
  TempVault t;
  REQUIRE(t.vault);
  storeCitizen(*t.vault, sampleStatement());
  const CitizenExport d = gatherExport(*t.vault, "borger-1");
  CHECK(d.citizenId == "borger-1");
  CHECK(d.exportedAt.size() == 20);
  REQUIRE(d.statement);
  CHECK(d.statement->name == "Søren Ærbødig");
  CHECK(d.statement->text(StatementPart::helpWith) == "bolig & økonomi <især> \"husleje\"");
  REQUIRE(d.sessions.size() == 2);
  CHECK(d.sessions[0].id == "2026-11-22-1");
  CHECK(d.sessions[0].finished);
  CHECK(d.sessions[0].problem.empty());
  CHECK(d.sessions[0].records.size() == 3);
  CHECK_FALSE(d.sessions[1].finished);
  CHECK(d.sessions[1].records.size() == 1);  // the record cut off by the crash is not invented
  CHECK_FALSE(d.sessions[1].problem.empty());
  CHECK(d.otherFiles == std::vector<std::string>{"consent"});
  CHECK(d.problems.empty());

  CHECK(gatherExport(*t.vault, "ingen-data").sessions.empty());
  CHECK(gatherExport(*t.vault, "../borger-1").problems.size() == 1);
}

TEST_CASE("the JSON has the documented shape") {
  TempVault t;
  REQUIRE(t.vault);
  storeCitizen(*t.vault, sampleStatement());
  const json j = json::parse(toJson(gatherExport(*t.vault, "borger-1")));
  CHECK(j["format"] == "overum-export-1");
  CHECK(j["citizen"] == "borger-1");
  CHECK(j["exportedAt"].is_string());
  CHECK(j["statement"]["name"] == "Søren Ærbødig");
  REQUIRE(j["statement"]["parts"].size() == 4);
  CHECK(j["statement"]["parts"][0]["part"] == "introduction");
  CHECK(j["statement"]["parts"][0]["heading"] == "Sådan vil jeg introducere mig selv");
  CHECK(j["statement"]["parts"][3]["part"] == "soThatICan");
  CHECK(j["statement"]["parts"][3]["text"] == "klare mig selv\nog se min datter");
  REQUIRE(j["sessions"].size() == 2);
  CHECK(j["sessions"][0]["id"] == "2026-11-22-1");
  CHECK(j["sessions"][0]["finished"] == true);
  CHECK(j["sessions"][0]["problem"].is_null());
  const json note{{"time", 75.5}, {"kind", "note"}, {"text", "Søren talte roligt <godt>"}};
  CHECK(j["sessions"][0]["records"][1] == note);
  CHECK(j["sessions"][1]["finished"] == false);
  CHECK(j["sessions"][1]["problem"].is_string());
  CHECK(j["otherFiles"] == json::array({"consent"}));
  CHECK(j["problems"] == json::array());

  CitizenExport empty;
  empty.citizenId = "borger-2";
  CHECK(json::parse(toJson(empty))["statement"].is_null());
}

TEST_CASE("the page opens with the password and shows the report and the JSON, æøå intact") {
  const std::string html = exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html;
  REQUIRE_FALSE(html.empty());
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(boxOf(html)["iterations"] == kFastIterations);
  const auto opened = decryptInCpp(html, kPassword);
  REQUIRE(opened);
  const std::string report = (*opened)["report"];
  CHECK(report.find(std::string(kCanary)) != std::string::npos);
  CHECK(report.find("Dit personlige statement") != std::string::npos);
  CHECK(report.find("1:15") != std::string::npos);
  // The report is the citizen's to keep: what they said and chose, the parts of the meeting by their
  // Danish headings, the feedback; no stage directions, hints, internal names, English rows or the
  // facilitator's private notes (the JSON keeps everything).
  for (std::string_view shown : {"Det svære øjeblik", "Dit valg", "Ja, tak. Nu giver det mening.",
                                 "Mette: Giver det mening nu?", "Du havde ordet i 0:45", "Det gik godt",
                                 "Til næste gang", "Du tog dig god tid", "Du sagde klart, hvad du har brug for."}) {
    INFO(shown);
    CHECK(report.find(shown) != std::string::npos);
  }
  for (std::string_view hidden :
       {"SvaertMoment_Valg", "Intern_Uden_Overskrift", "mood", "sagsbehandler", "Borgeren kan bede", "talte roligt",
        "the meeting ended", "spoken", "myndighedsmoede"}) {
    INFO(hidden);
    CHECK(report.find(hidden) == std::string::npos);
  }
  const json data = json::parse(std::string((*opened)["json"]));
  CHECK(data["format"] == "overum-export-1");
  CHECK(data.dump().find("talte roligt") != std::string::npos);  // all the data, notes too, in the JSON
  CHECK(data["statement"]["name"] == "Søren Ærbødig");

  const std::string english = exportHtml(sampleExport(), kPassword, overum::Language::en, kFastIterations).html;
  CHECK(english.find("<html lang=\"en\">") != std::string::npos);
  const std::string englishReport = (*decryptInCpp(english, kPassword))["report"];
  CHECK(englishReport.find("Your personal statement") != std::string::npos);
  CHECK(englishReport.find("So that I can") != std::string::npos);
}

TEST_CASE("nothing the citizen wrote is in the page in plain text") {
  const std::string html = exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html;
  REQUIRE_FALSE(html.empty());
  for (std::string_view secret : {kCanary, std::string_view("Ærbødig"), std::string_view("talte roligt"),
                                  std::string_view("borger-1"), std::string_view("husleje")})
    CHECK(html.find(secret) == std::string::npos);
  // Two exports of the same data share no salt, IV or ciphertext.
  const std::string again = exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html;
  CHECK(boxOf(again)["salt"] != boxOf(html)["salt"]);
  CHECK(boxOf(again)["ciphertext"] != boxOf(html)["ciphertext"]);
}

TEST_CASE("a wrong password opens nothing") {
  const std::string html = exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html;
  CHECK_FALSE(decryptInCpp(html, "kodeord-aeoeaa-123"));
  CHECK_FALSE(decryptInCpp(html, std::string(kPassword) + " "));
}

TEST_CASE("short passwords are refused in plain words and nothing is made") {
  for (std::string_view password : {std::string_view(""), std::string_view("kort"), std::string_view("æøåæøåæ")}) {
    const HtmlExport page = exportHtml(sampleExport(), password, overum::Language::da, kFastIterations);
    CHECK(page.html.empty());
    CHECK(page.error.find("at least 8 characters") != std::string::npos);
  }
  CHECK(exportHtml(sampleExport(), "æøåæøåæø", overum::Language::da, kFastIterations).error.empty());
}

TEST_CASE("HTML special characters from the citizen are escaped in the report") {
  CitizenExport d = sampleExport();
  d.statement->text(StatementPart::important) = "<script>alert(1)</script> & \"mig\"";
  d.sessions[0].id = "<img src=x>";
  d.statement->name = "Søren 'Ærbødig'";
  const std::string report =
      (*decryptInCpp(exportHtml(d, kPassword, overum::Language::da, kFastIterations).html, kPassword))["report"];
  CHECK(report.find("<script>") == std::string::npos);
  CHECK(report.find("<img") == std::string::npos);
  CHECK(report.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;mig&quot;") != std::string::npos);
  CHECK(report.find("bolig &amp; økonomi &lt;især&gt; &quot;husleje&quot;") != std::string::npos);
  CHECK(report.find("Søren &apos;Ærbødig&apos;") != std::string::npos);
}

TEST_CASE("the page's own script decrypts it under node's WebCrypto") {
  TempDir dir;
  const std::string html = exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html;
  REQUIRE_FALSE(html.empty());
  const NodeRun run = runNode(decryptProgram(html), kPassword, dir.path);
  INFO(run.output);
  REQUIRE(run.exitCode == 0);
  const json opened = json::parse(run.output);
  CHECK(std::string(opened["report"]).find(std::string(kCanary)) != std::string::npos);
  CHECK(json::parse(std::string(opened["json"]))["statement"]["name"] == "Søren Ærbødig");

  const NodeRun wrong = runNode(decryptProgram(html), "forkert-kodeord", dir.path);
  CHECK(wrong.exitCode == 3);
  CHECK(wrong.output.find(std::string(kCanary)) == std::string::npos);
}

TEST_CASE("the page's scripts show the report and offer the JSON after the right password only") {
  TempDir dir;
  const std::string html = exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html;
  const NodeRun run = runNode(pageProgram(html), kPassword, dir.path);
  INFO(run.output);
  REQUIRE(run.exitCode == 0);
  const json seen = json::parse(run.output);
  CHECK(std::string(seen["report"]).find(std::string(kCanary)) != std::string::npos);
  CHECK(seen["formShown"] == false);
  CHECK(seen["wrongShown"] == false);
  CHECK(seen["password"] == "");  // not left in the field once opened
  CHECK(std::string(seen["download"]).starts_with("blob:"));
  CHECK(seen["downloadShown"] == true);

  const NodeRun wrong = runNode(pageProgram(html), "forkert-kodeord", dir.path);
  INFO(wrong.output);
  REQUIRE(wrong.exitCode == 0);
  const json refused = json::parse(wrong.output);
  CHECK(refused["report"] == "");
  CHECK(refused["formShown"] == true);
  CHECK(refused["wrongShown"] == true);
  CHECK(refused["downloadShown"] == false);
}

TEST_CASE("writeExport writes one owner-only page with the default PBKDF2 cost") {
  TempVault t;
  REQUIRE(t.vault);
  storeCitizen(*t.vault, sampleStatement());
  const fs::path out = t.dir.path / "eksport";
  const ExportWriteResult written = writeExport(out, gatherExport(*t.vault, "borger-1"), kPassword);
  REQUIRE(written.error.empty());
  CHECK(written.path.parent_path() == out);
  CHECK(written.path.filename().string().starts_with("overum-borger-1-20"));
  CHECK(written.path.extension() == ".html");
  CHECK(std::distance(fs::directory_iterator(out), fs::directory_iterator()) == 1);  // no temp file left
  struct stat info {};
  REQUIRE(::stat(written.path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  const auto bytes = overum::readWholeFile(written.path);
  REQUIRE(bytes);
  const std::string html(bytes->begin(), bytes->end());
  CHECK(html.find(std::string(kCanary)) == std::string::npos);
  CHECK(boxOf(html)["iterations"] == kExportIterations);
  CHECK(kExportIterations >= 600'000);

  const ExportWriteResult refused = writeExport(out / "kort", gatherExport(*t.vault, "borger-1"), "kort");
  CHECK(refused.path.empty());
  CHECK_FALSE(refused.error.empty());
  CHECK_FALSE(fs::exists(out / "kort"));
}

TEST_CASE("recordings of the citizen's voice are exported to be played in the page and kept in the JSON") {
  TempVault t;
  REQUIRE(t.vault);
  storeCitizen(*t.vault, sampleStatement());
  const Bytes wav{'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'A', 'V', 'E'};
  t.vault->write("borger-1", "recording-2026-11-22-1-1", wav);
  const CitizenExport d = gatherExport(*t.vault, "borger-1");
  REQUIRE(d.recordings.size() == 1);
  CHECK(d.recordings[0].name == "recording-2026-11-22-1-1");
  CHECK(d.recordings[0].sound == wav);
  CHECK(d.recordings[0].type() == "audio/wav");
  CHECK(d.otherFiles == std::vector<std::string>{"consent"});  // not listed twice

  const json j = json::parse(toJson(d));
  CHECK(j["recordings"][0]["name"] == "recording-2026-11-22-1-1");
  CHECK(j["recordings"][0]["audio"] == "UklGRgECAwRXQVZF");
  CHECK(j["recordings"][0]["type"] == "audio/wav");
  const std::string html = exportHtml(d, kPassword, overum::Language::da, kFastIterations).html;
  CHECK(html.find("media-src data:") != std::string::npos);  // the page may play what it carries, nothing else
  const std::string report = (*decryptInCpp(html, kPassword))["report"];
  CHECK(report.find("<audio controls src=\"data:audio/wav;base64,UklGRgECAwRXQVZF\">") != std::string::npos);
}

TEST_CASE("the report shows the citizen's progress over sessions as charts, in their words only") {
  const auto opened =
      decryptInCpp(exportHtml(progressExport(), kPassword, overum::Language::da, kFastIterations).html, kPassword);
  REQUIRE(opened);
  const std::string report = (*opened)["report"];
  const std::size_t progress = report.find("Din udvikling");
  REQUIRE(progress != std::string::npos);
  CHECK(progress < report.find("Dine sessioner"));  // above the sessions
  // SUDS, confidence (one mark each session: a before, no after), statement time, parts, latency, speech rate.
  std::size_t charts = 0;
  for (std::size_t at = report.find("<svg"); at != std::string::npos; at = report.find("<svg", at + 1)) ++charts;
  CHECK(charts == 6);
  for (std::string_view shown : {"Uro", "før", "efter", "Taletempo", "stavelser pr. sekund", "1.11.", "3.11."}) {
    INFO(shown);
    CHECK(report.find(shown) != std::string::npos);
  }
  for (std::string_view hidden :
       {"myndighedsmoede", "presset", "suds", "confidence", "nausea", "latency", "speech_rate", "progress.", "NaN",
        "nan", "before", "after", "Unease", "<script", "the meeting ended"}) {
    INFO(hidden);
    CHECK(report.find(hidden) == std::string::npos);
  }
  const std::string english = (*decryptInCpp(
      exportHtml(progressExport(), kPassword, overum::Language::en, kFastIterations).html, kPassword))["report"];
  CHECK(english.find("Your progress") != std::string::npos);
  CHECK(english.find("Speaking rate") != std::string::npos);
  CHECK(english.find("Din udvikling") == std::string::npos);

  // The sample's one session has no ratings or measures: no progress section at all.
  const std::string plain = (*decryptInCpp(
      exportHtml(sampleExport(), kPassword, overum::Language::da, kFastIterations).html, kPassword))["report"];
  CHECK(plain.find("Din udvikling") == std::string::npos);
  CHECK(plain.find("<svg") == std::string::npos);
}

TEST_CASE("with one session's figures the report says them in a sentence instead of a chart") {
  CitizenExport d = progressExport();
  d.sessions.resize(1);
  const std::string report =
      (*decryptInCpp(exportHtml(d, kPassword, overum::Language::da, kFastIterations).html, kPassword))["report"];
  CHECK(report.find("Din udvikling") != std::string::npos);
  CHECK(report.find("<svg") == std::string::npos);
  CHECK(report.find("Uro, 1.11.: før 8, efter 6") != std::string::npos);
  CHECK(report.find("En kurve vises, når to sessioner har tal.") != std::string::npos);
}
