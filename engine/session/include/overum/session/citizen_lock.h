// SPDX-License-Identifier: GPL-3.0-or-later
// One Øverum at a time per citizen: an exclusive lock (flock) held while a process may write the
// citizen's records, so two copies never append to one journal or erase what the other is writing.
// Within one process the lock is shared: the records, the console and the data tools may each hold it.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace overum::session {

class CitizenLock {
 public:
  struct Result {
    std::unique_ptr<CitizenLock> lock;  // null when another process holds it, or on error
    std::string error;                  // plain words: who holds it, or why it could not be taken
  };
  // The lock file lives in the user's runtime folder ($XDG_RUNTIME_DIR, else /tmp/overum-<uid>), named
  // by a hash of the vault's folder and the pseudonym: the vault gets no file before consent, and
  // no pseudonym shows in a shared folder. The kernel releases it when the process ends, even by kill -9.
  static Result acquire(const std::filesystem::path& vaultDir, std::string_view citizenId);
  struct Held;  // the locked file, shared by this process's holders

 private:
  explicit CitizenLock(std::shared_ptr<Held> held) : held_(std::move(held)) {}
  std::shared_ptr<Held> held_;
};

}  // namespace overum::session
