// SPDX-License-Identifier: GPL-3.0-or-later
// The per-citizen process lock; see citizen_lock.h.
#include <overum/session/citizen_lock.h>

#include <overum/core/format.h>
#include <overum/core/strings.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <optional>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace overum::session {
namespace fs = std::filesystem;

struct CitizenLock::Held {
  explicit Held(int descriptor) : fd(descriptor), owner(::getpid()) {}
  ~Held() { ::close(fd); }  // closing the descriptor releases the lock
  Held(const Held&) = delete;
  Held& operator=(const Held&) = delete;
  int fd;
  pid_t owner;  // a forked child inherits the descriptor, not the lock's ownership
};

namespace {

// A folder only this user can write, so no one else can plant or hold the lock.
std::optional<fs::path> lockFolder(std::string& error) {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  const fs::path dir =
      runtime && *runtime ? fs::path(runtime) / "overum" : fs::path(format("/tmp/overum-{}", ::getuid()));
  ::mkdir(dir.c_str(), 0700);
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::getuid() ||
      (info.st_mode & 0077) != 0) {
    error = format("the lock folder {} is not a private folder of this user; remove it and start again", dir.string());
    return std::nullopt;
  }
  return dir;
}

std::string lockName(const fs::path& vaultDir, std::string_view citizenId) {
  std::error_code ec;
  const std::string key = fs::weakly_canonical(fs::absolute(vaultDir, ec), ec).string() + '\n' + std::string(citizenId);
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string(hex) + ".lock";
}

std::mutex heldMutex;
std::map<fs::path, std::weak_ptr<CitizenLock::Held>> heldLocks;  // by lock file

std::string readHolder(int fd) {
  char buffer[128] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text(buffer, n > 0 ? std::size_t(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text.empty() ? "a process that is starting" : text;
}

}  // namespace

CitizenLock::Result CitizenLock::acquire(const fs::path& vaultDir, std::string_view citizenId) {
  if (sodium_init() < 0) return {nullptr, "the encryption library (libsodium) could not start"};
  std::string error;
  const auto dir = lockFolder(error);
  if (!dir) return {nullptr, error};
  const fs::path file = *dir / lockName(vaultDir, citizenId);
  const std::lock_guard guard(heldMutex);
  if (auto held = heldLocks[file].lock(); held && held->owner == ::getpid())
    return {std::unique_ptr<CitizenLock>(new CitizenLock(std::move(held))), ""};
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return {nullptr, format("cannot open the lock {}: {}", file.string(), std::strerror(errno))};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    std::string message = saved == EWOULDBLOCK
                              ? format(tr("vault.locked"), citizenId, readHolder(fd))
                              : format("cannot take the lock {}: {}", file.string(), std::strerror(saved));
    ::close(fd);
    return {nullptr, message};
  }
  // Who holds it, for the message a second copy shows.
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char since[32];
  std::strftime(since, sizeof since, "%Y-%m-%d %H:%M", &local);
  const std::string holder = format("pid {}, {}\n", ::getpid(), since);
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, holder.data(), holder.size(), 0) < 0) {
    // the holder's name is a courtesy for the message; the lock itself is taken
  }
  auto held = std::make_shared<Held>(fd);
  heldLocks[file] = held;
  return {std::unique_ptr<CitizenLock>(new CitizenLock(std::move(held))), ""};
}

}  // namespace overum::session
