// Journal file: repeated [u32 length, little-endian][sealed record]; record index in the associated data.
// Plain record: f64 time | u32 kind length | kind | u32 text length | text.
#include <overum/session/journal.h>

#include <overum/core/check.h>
#include <overum/session/atomic_file.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace overum::session {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSuffix = ".journal";

fs::path journalPath(const Vault& vault, std::string_view citizenId, std::string_view sessionId) {
  OVERUM_CHECK(Vault::validId(sessionId), "'{}' is not a valid session id", sessionId);
  OVERUM_CHECK(Vault::validId(citizenId), "'{}' is not a valid citizen id", citizenId);
  return vault.directory() / "citizens" / std::string(citizenId) / (std::string(sessionId) + std::string(kSuffix));
}

void putU32(Bytes& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(std::uint8_t(v >> (8 * i)));
}
std::uint32_t getU32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

Bytes encode(const JournalRecord& r) {
  Bytes out(sizeof(double));
  std::memcpy(out.data(), &r.time, sizeof(double));
  putU32(out, std::uint32_t(r.kind.size()));
  out.insert(out.end(), r.kind.begin(), r.kind.end());
  putU32(out, std::uint32_t(r.text.size()));
  out.insert(out.end(), r.text.begin(), r.text.end());
  return out;
}

std::optional<JournalRecord> decode(const Bytes& b) {
  JournalRecord r;
  std::size_t at = sizeof(double);
  if (b.size() < at + 4) return std::nullopt;
  std::memcpy(&r.time, b.data(), sizeof(double));
  auto takeString = [&](std::string& out) {
    if (b.size() < at + 4) return false;
    const std::uint32_t n = getU32(b.data() + at);
    at += 4;
    if (b.size() - at < n) return false;
    out.assign(reinterpret_cast<const char*>(b.data() + at), n);
    at += n;
    return true;
  };
  if (!takeString(r.kind) || !takeString(r.text) || at != b.size()) return std::nullopt;
  return r;
}

std::string associated(std::string_view citizenId, std::string_view sessionId, std::size_t index) {
  return format("{}/journal/{}/{}", citizenId, sessionId, index);
}

}  // namespace

JournalWriter::JournalWriter(Vault& vault, std::string_view citizenId, std::string_view sessionId, JournalOpen how)
    : citizenId_(citizenId), sessionId_(sessionId) {
  const fs::path path = journalPath(vault, citizenId, sessionId);
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC;
  if (how == JournalOpen::startNew) {
    vault.addCitizen(citizenId);
    flags |= O_CREAT | O_EXCL;
  } else {
    const JournalReadResult existing = readJournal(vault, citizenId, sessionId);
    if (existing.damaged || (existing.records.empty() && !existing.problem.empty()))
      throw Error(format("the session {} cannot be continued: {}. Close it and start a new session; what could be "
                         "read stays readable",
                         sessionId, existing.problem));
    std::error_code ec;
    fs::resize_file(path, existing.soundBytes, ec);  // drops a record a crash cut off half-way
    if (ec) throw Error(format("cannot continue the journal {}: {}", path.string(), ec.message()));
    count_ = existing.records.size();
  }
  key_ = vault.citizenKey(citizenId);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0)
    throw Error(format("cannot {} the journal {}: {}", how == JournalOpen::startNew ? "start" : "continue",
                       path.string(), std::strerror(errno)));
  file_ = ::fdopen(fd, "ab");
}

JournalWriter::~JournalWriter() {
  if (file_) std::fclose(file_);
}

void JournalWriter::append(const JournalRecord& record) {
  const Bytes sealed = seal(key_, encode(record), associated(citizenId_, sessionId_, count_));
  Bytes frame;
  putU32(frame, std::uint32_t(sealed.size()));
  frame.insert(frame.end(), sealed.begin(), sealed.end());
  if (std::fwrite(frame.data(), 1, frame.size(), file_) != frame.size() || std::fflush(file_) != 0 ||
      ::fsync(::fileno(file_)) != 0)
    throw Error(format("the session journal could not be written: {}", std::strerror(errno)));
  ++count_;
}

JournalReadResult readJournal(const Vault& vault, std::string_view citizenId, std::string_view sessionId) {
  JournalReadResult result;
  const fs::path path = journalPath(vault, citizenId, sessionId);
  auto bytes = readWholeFile(path);
  if (!bytes) {
    result.problem = format("no journal {}", path.filename().string());
    return result;
  }
  SecretKey key;
  try {
    key = vault.citizenKey(citizenId);
  } catch (const Error& e) {
    result.problem = e.what();
    return result;
  }
  std::size_t at = 0;
  while (at < bytes->size()) {
    const std::size_t index = result.records.size();
    const std::size_t left = bytes->size() - at;
    const std::uint32_t size = left >= 4 ? getU32(bytes->data() + at) : 0;
    if (left < 4 || left - 4 < size) {
      result.problem = format("the last record of {} was cut off (a crash while writing); the {} records before it "
                              "were recovered",
                              path.filename().string(), index);
      break;
    }
    auto plain = unseal(key, std::span(bytes->data() + at + 4, size), associated(citizenId, sessionId, index));
    auto record = plain ? decode(*plain) : std::nullopt;
    if (!record) {
      result.problem = format("record {} of {} is damaged or was changed outside Øverum; the {} records before it "
                              "were recovered and the rest was not opened",
                              index + 1, path.filename().string(), index);
      result.damaged = true;
      break;
    }
    result.records.push_back(std::move(*record));
    at += 4 + size;
    result.soundBytes = at;
  }
  result.finished = !result.records.empty() && result.records.back().kind == "end" && result.problem.empty();
  return result;
}

std::vector<std::string> journalSessions(const Vault& vault, std::string_view citizenId) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(vault.directory() / "citizens" / std::string(citizenId), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(kSuffix)) out.push_back(name.substr(0, name.size() - kSuffix.size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void removeJournal(const Vault& vault, std::string_view citizenId, std::string_view sessionId) {
  std::error_code ec;
  fs::remove(journalPath(vault, citizenId, sessionId), ec);
}

std::vector<std::string> unfinishedSessions(const Vault& vault, std::string_view citizenId) {
  std::vector<std::string> out;
  for (const auto& id : journalSessions(vault, citizenId))
    if (!readJournal(vault, citizenId, id).finished) out.push_back(id);
  return out;
}

}  // namespace overum::session
