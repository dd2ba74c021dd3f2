// SPDX-License-Identifier: GPL-3.0-or-later
// POSIX whole-file reads (see files.h).
#include <overum/core/check.h>
#include <overum/core/files.h>
#include <overum/core/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace overum {
namespace fs = std::filesystem;

std::optional<std::vector<std::uint8_t>> readWholeFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw Error(format("cannot read {}: {}", path.string(), std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw Error(format("cannot read {}: it is not a regular file", path.string()));
  }
  std::vector<std::uint8_t> bytes(std::size_t(info.st_size));
  std::size_t done = 0;
  for (;;) {
    if (done == bytes.size()) bytes.resize(bytes.size() + 4096);  // the file grew since fstat (a journal)
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      throw Error(format("cannot read {}: {}", path.string(), std::strerror(saved)));
    }
    if (n == 0) break;
    done += std::size_t(n);
  }
  ::close(fd);
  bytes.resize(done);
  return bytes;
}

std::optional<std::string> readTextFile(const fs::path& path, std::string* why) {
  try {
    if (auto bytes = readWholeFile(path)) return std::string(bytes->begin(), bytes->end());
    if (why) *why = format("cannot read {}: it does not exist", path.string());
  } catch (const Error& e) {
    if (why) *why = e.what();
  }
  return std::nullopt;
}

}  // namespace overum
