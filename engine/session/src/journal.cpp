// SPDX-License-Identifier: GPL-3.0-or-later
// Journal file (version 2): "OVJ2", then frames [sync "\xA7OJR" | u32 index | u32 n | u32 ~n | n sealed
// bytes], the record index also in the associated data. The sync mark and the length written twice
// let a reader step over a damaged record to the next good one, so damage costs only what it hit.
// Version 1 files (frames [u32 n | sealed], no header) are still read and continued.
// Plain record: f64 time | u32 kind length | kind | u32 text length | text, then, only when the record
// has fields: u32 count | count × (u32 name length | name | u32 value length | value). A record without
// fields is byte for byte what journals held before fields existed, so every older journal still reads.
#include <overum/core/files.h>
#include <overum/session/journal.h>

#include <overum/core/check.h>
#include <overum/session/atomic_file.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace overum::session {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSuffix = ".journal";
constexpr std::string_view kFileMagic = "OVJ2";
constexpr std::array<std::uint8_t, 4> kSync{0xA7, 'O', 'J', 'R'};
constexpr std::size_t kFrameHeader = 16;

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
  if (!r.fields.empty()) {
    putU32(out, std::uint32_t(r.fields.size()));
    for (const auto& [name, value] : r.fields) {
      putU32(out, std::uint32_t(name.size()));
      out.insert(out.end(), name.begin(), name.end());
      putU32(out, std::uint32_t(value.size()));
      out.insert(out.end(), value.begin(), value.end());
    }
  }
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
  if (!takeString(r.kind) || !takeString(r.text)) return std::nullopt;
  if (at == b.size()) return r;  // no fields (every record before fields existed)
  if (b.size() - at < 4) return std::nullopt;
  const std::uint32_t count = getU32(b.data() + at);
  at += 4;
  if (count > (b.size() - at) / 8) return std::nullopt;  // each field takes at least 8 bytes
  r.fields.resize(count);
  for (auto& [name, value] : r.fields)
    if (!takeString(name) || !takeString(value)) return std::nullopt;
  if (at != b.size()) return std::nullopt;
  return r;
}

}  // namespace

const std::string* JournalRecord::field(std::string_view name) const {
  for (const auto& [n, v] : fields)
    if (n == name) return &v;
  return nullptr;
}

std::optional<double> JournalRecord::number(std::string_view name) const {
  const std::string* v = field(name);
  if (!v || v->empty()) return std::nullopt;
  double out = 0.0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size()) return std::nullopt;
  return out;
}

namespace {

std::string associated(std::string_view citizenId, std::string_view sessionId, std::size_t index) {
  return format("{}/journal/{}/{}", citizenId, sessionId, index);
}

// By its header, or (a damaged header) by the sync mark of its first frame.
bool isVersion2(const Bytes& file) {
  return (file.size() >= kFileMagic.size() && std::memcmp(file.data(), kFileMagic.data(), kFileMagic.size()) == 0) ||
         (file.size() >= 8 && std::equal(kSync.begin(), kSync.end(), file.begin() + 4));
}

// One version-2 frame at `at`, verified; `cutOff` tells a frame that runs past the end of the file
// (a crash while writing it) from one that is damaged.
struct Frame {
  std::optional<JournalRecord> record;
  std::size_t index = 0, end = 0;
  bool cutOff = false;
};
Frame readFrame(const Bytes& file, std::size_t at, std::size_t minIndex, const SecretKey& key,
                std::string_view citizenId, std::string_view sessionId) {
  Frame f;
  const std::size_t left = file.size() - at;
  if (left < kFrameHeader) {  // the beginning of a frame, if it starts as one
    f.cutOff = std::equal(kSync.begin(), kSync.begin() + std::ptrdiff_t(std::min(left, kSync.size())),
                          file.begin() + std::ptrdiff_t(at));
    return f;
  }
  const std::uint8_t* p = file.data() + at;
  if (!std::equal(kSync.begin(), kSync.end(), p)) return f;
  f.index = getU32(p + 4);
  const std::uint32_t size = getU32(p + 8);
  if (size != ~getU32(p + 12) || f.index < minIndex) return f;
  if (left - kFrameHeader < size) {
    f.cutOff = true;
    return f;
  }
  if (auto plain = unseal(key, std::span(p + kFrameHeader, size), associated(citizenId, sessionId, f.index)))
    f.record = decode(*plain);
  f.end = at + kFrameHeader + size;
  return f;
}

void readVersion2(const Bytes& file, const SecretKey& key, std::string_view citizenId, std::string_view sessionId,
                  JournalReadResult& result) {
  std::size_t at = kFileMagic.size(), nextIndex = 0, lost = 0;
  result.soundBytes = at;
  while (at < file.size()) {
    Frame f = readFrame(file, at, nextIndex, key, citizenId, sessionId);
    if (f.record) {
      lost += f.index - nextIndex;  // records missing between two good ones: damaged or removed
      if (f.index > nextIndex && !result.firstGap) result.firstGap = result.records.size();
      result.records.push_back(std::move(*f.record));
      nextIndex = f.index + 1;
      at = result.soundBytes = f.end;
      continue;
    }
    // Damaged here: look for the next record that verifies, and go on from there.
    std::size_t next = at + 1;
    for (; next < file.size(); ++next) {
      const auto hit = std::search(file.begin() + std::ptrdiff_t(next), file.end(), kSync.begin(), kSync.end());
      next = std::size_t(hit - file.begin());
      if (next >= file.size() || readFrame(file, next, nextIndex, key, citizenId, sessionId).record) break;
    }
    if (next >= file.size()) {
      if (!f.cutOff) ++lost, result.damaged = true;
      if (!f.cutOff && !result.firstGap) result.firstGap = result.records.size();
      result.cutOff = f.cutOff;
      break;
    }
    result.damaged = true;
    if (!result.firstGap) result.firstGap = result.records.size();
    at = next;
  }
  result.nextIndex = nextIndex;
  result.lostRecords = lost + (result.damaged && lost == 0 ? 1 : 0);
  if (lost) result.damaged = true;
}

// Version 1: a damaged record makes the rest unreadable, as its length can no longer be trusted.
void readVersion1(const Bytes& file, const SecretKey& key, std::string_view citizenId, std::string_view sessionId,
                  JournalReadResult& result) {
  std::size_t at = 0;
  while (at < file.size()) {
    const std::size_t index = result.records.size();
    const std::size_t left = file.size() - at;
    const std::uint32_t size = left >= 4 ? getU32(file.data() + at) : 0;
    if (left < 4 || left - 4 < size) {
      result.cutOff = true;
      break;
    }
    auto plain = unseal(key, std::span(file.data() + at + 4, size), associated(citizenId, sessionId, index));
    auto record = plain ? decode(*plain) : std::nullopt;
    if (!record) {
      result.damaged = true;
      result.restUnread = true;
      result.firstGap = result.records.size();
      break;
    }
    result.records.push_back(std::move(*record));
    at += 4 + size;
    result.soundBytes = at;
  }
  result.nextIndex = result.records.size();
}

}  // namespace

JournalWriter::JournalWriter(Vault& vault, std::string_view citizenId, std::string_view sessionId, JournalOpen how)
    : citizenId_(citizenId), sessionId_(sessionId) {
  const fs::path path = journalPath(vault, citizenId, sessionId);
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC;
  bool needsHeader = how == JournalOpen::startNew;
  if (how == JournalOpen::startNew) {
    vault.addCitizen(citizenId);
    flags |= O_CREAT | O_EXCL;
  } else {
    const JournalReadResult existing = readJournal(vault, citizenId, sessionId);
    if (existing.restUnread || (existing.records.empty() && !existing.problem.empty() && !existing.cutOff))
      throw Error(
          format("the session {} cannot be continued: {}. Close it and start a new session; what could be "
                 "read stays readable",
                 sessionId, existing.problem));
    std::error_code ec;
    fs::resize_file(path, existing.soundBytes, ec);  // drops a record a crash cut off half-way
    if (ec) throw Error(format("cannot continue the journal {}: {}", path.string(), ec.message()));
    count_ = existing.nextIndex;
    version1_ = !existing.version2;
    needsHeader = existing.version2 && existing.soundBytes == 0;  // created, then a crash before its first byte
  }
  key_ = vault.citizenKey(citizenId);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0)
    throw Error(format("cannot {} the journal {}: {}", how == JournalOpen::startNew ? "start" : "continue",
                       path.string(), std::strerror(errno)));
  fd_ = fd;
  if (needsHeader) write(asBytes(kFileMagic));
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::write(std::span<const std::uint8_t> bytes) {
  // Unbuffered: what failed is never written later behind the caller's back. What did reach the file
  // may be half a frame; the next frame starts at a sync mark the reader finds, so one failed write
  // never costs the records after it.
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(format("the session journal could not be written: {}", std::strerror(n < 0 ? errno : ENOSPC)));
    done += std::size_t(n);
  }
  if (::fsync(fd_) != 0) throw Error(format("the session journal could not be written: {}", std::strerror(errno)));
}

void JournalWriter::append(const JournalRecord& record) {
  const Bytes sealed = seal(key_, encode(record), associated(citizenId_, sessionId_, count_));
  Bytes frame;
  if (!version1_) {
    frame.assign(kSync.begin(), kSync.end());
    putU32(frame, std::uint32_t(count_));
  }
  putU32(frame, std::uint32_t(sealed.size()));
  if (!version1_) putU32(frame, ~std::uint32_t(sealed.size()));
  frame.insert(frame.end(), sealed.begin(), sealed.end());
  write(frame);
  ++count_;
}

JournalReadResult readJournal(const Vault& vault, std::string_view citizenId, std::string_view sessionId) {
  JournalReadResult result;
  const fs::path path = journalPath(vault, citizenId, sessionId);
  const std::string name = path.filename().string();
  std::optional<Bytes> bytes;
  SecretKey key;
  try {
    bytes = readWholeFile(path);
    if (!bytes) {
      result.problem = format("no journal {}", name);
      return result;
    }
    key = vault.citizenKey(citizenId);
  } catch (const Error& e) {
    result.problem = e.what();
    result.restUnread = true;
    return result;
  }
  result.version2 = isVersion2(*bytes) || bytes->empty();
  if (bytes->empty()) return result;
  if (result.version2) readVersion2(*bytes, key, citizenId, sessionId, result);
  else readVersion1(*bytes, key, citizenId, sessionId, result);

  const std::size_t kept = result.records.size();
  if (result.restUnread)
    result.problem = format(
        "record {} of {} is damaged or was changed outside Øverum; the {} records before it "
        "were recovered and the rest was not opened",
        kept + 1, name, kept);
  else if (result.damaged)
    result.problem = format(
        "{} record(s) of {} were damaged or removed and were skipped; the other {} records were "
        "recovered",
        result.lostRecords, name, kept);
  else if (result.cutOff)
    result.problem = format(
        "the last record of {} was cut off (a crash while writing); the {} records before it "
        "were recovered",
        name, kept);
  // Damage elsewhere does not undo a closing that can still be read.
  result.finished = !result.records.empty() && result.records.back().kind == "end";
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
  const fs::path path = journalPath(vault, citizenId, sessionId);
  std::error_code ec;
  fs::remove(path, ec);
  if (fs::exists(fs::symlink_status(path, ec)))
    throw Error(format("{} could not be removed: {}", path.string(), ec.message()));
}

std::vector<std::string> unfinishedSessions(const Vault& vault, std::string_view citizenId) {
  std::vector<std::string> out;
  for (const auto& id : journalSessions(vault, citizenId))
    if (!readJournal(vault, citizenId, id).finished) out.push_back(id);
  return out;
}

}  // namespace overum::session
