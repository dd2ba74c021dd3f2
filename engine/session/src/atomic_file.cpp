// SPDX-License-Identifier: GPL-3.0-or-later
// POSIX implementation of atomic whole-file writes and careful reads.
#include <overum/session/atomic_file.h>

#include <overum/core/check.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace overum::session {
namespace fs = std::filesystem;
namespace {

void syncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename itself is already atomic
  ::fsync(fd);
  ::close(fd);
}

[[noreturn]] void fail(const fs::path& path, int error) {
  throw Error(format("cannot write {}: {}", path.string(), std::strerror(error)));
}

// Writes bytes to a new temporary file beside path and syncs it; returns its name.
std::string writeTemporary(const fs::path& path, std::span<const std::uint8_t> bytes) {
  try {
    createPrivateDirectories(path.parent_path());
  } catch (const Error& e) {
    throw Error(format("cannot write {}: {}", path.string(), e.what()));
  }
  std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());  // mkstemp creates the file with mode 0600
  if (fd < 0) fail(path, errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = n < 0 ? errno : ENOSPC;
      ::close(fd);
      ::unlink(temp.c_str());
      fail(path, saved);
    }
    done += std::size_t(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    fail(path, saved);
  }
  return temp;
}

}  // namespace

void createPrivateDirectories(const fs::path& dir) {
  if (dir.empty()) return;
  fs::path at;
  for (const fs::path& part : dir) {
    at /= part;
    if (::mkdir(at.c_str(), 0700) == 0 || errno == EEXIST) continue;
    throw Error(format("cannot create the folder {}: {}", at.string(), std::strerror(errno)));
  }
}

void writeFileAtomically(const fs::path& path, std::span<const std::uint8_t> bytes) {
  const std::string temp = writeTemporary(path, bytes);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    fail(path, saved);
  }
  syncDirectory(path.parent_path());
}

bool writeFileExclusively(const fs::path& path, std::span<const std::uint8_t> bytes) {
  const std::string temp = writeTemporary(path, bytes);
  // link() fails when path exists, where rename() would silently replace it.
  const bool linked = ::link(temp.c_str(), path.c_str()) == 0;
  const int saved = errno;
  ::unlink(temp.c_str());
  if (!linked && saved != EEXIST) fail(path, saved);
  if (linked) syncDirectory(path.parent_path());
  return linked;
}

}  // namespace overum::session
