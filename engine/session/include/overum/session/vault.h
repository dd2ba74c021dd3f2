// SPDX-License-Identifier: GPL-3.0-or-later
// The encrypted store for citizens' data on this machine. A facilitator passphrase unlocks the vault key
// (Argon2id); each citizen has a random key wrapped by it; each file is sealed with the citizen's key,
// bound to its citizen and name. Erasing a citizen destroys the key first (crypto-erase), then the files.
#pragma once
#include <overum/session/sealed_box.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace overum::session {

class Vault {
 public:
  struct OpenResult {
    std::unique_ptr<Vault> vault;  // null on error
    std::string error;             // plain words: what went wrong and what to do
  };
  // Whether anything of a vault is in dir: its key file (readable or not) or stored citizens. Then
  // open() checks the passphrase, or says what is wrong; it never creates a key beside citizens.
  static bool exists(const std::filesystem::path& dir);
  // Creates the vault where there is none at all (the passphrase chosen then is the one needed
  // later). An unreadable, damaged or missing key file is an error that changes nothing on disk.
  static OpenResult open(const std::filesystem::path& dir, std::string_view passphrase, const KdfLimits& limits = {});

  struct ReadResult {
    std::optional<Bytes> bytes;
    std::string error;  // set when the file exists but is damaged or was changed outside Øverum
  };

  // Citizen ids are pseudonyms of letters, digits, '-' and '_' (never a name: paths show in file listings).
  static bool validId(std::string_view id);
  std::vector<std::string> citizens() const;
  bool hasCitizen(std::string_view id) const;
  void addCitizen(std::string_view id);  // no-op when present
  void write(std::string_view id, std::string_view name, std::span<const std::uint8_t> bytes);
  ReadResult read(std::string_view id, std::string_view name) const;
  std::vector<std::string> files(std::string_view id) const;
  // Removal is verified: each throws overum::Error naming what is left and where when the disk refuses.
  void remove(std::string_view id, std::string_view name);
  void eraseCitizen(std::string_view id);
  // Moves a damaged file out of the way (kept beside it, never read as the record again) so a new one
  // can be written without destroying what might still be rescued; returns where it went.
  std::optional<std::filesystem::path> setAside(std::string_view id, std::string_view name);

  const std::filesystem::path& directory() const { return dir_; }
  SecretKey citizenKey(
      std::string_view id) const;  // for the journal; throws plain words when the key is missing or damaged

 private:
  Vault(std::filesystem::path dir, SecretKey key) : dir_(std::move(dir)), vaultKey_(std::move(key)) {}
  std::filesystem::path citizenDir(std::string_view id) const;

  std::filesystem::path dir_;
  SecretKey vaultKey_;
};

}  // namespace overum::session
