// SPDX-License-Identifier: GPL-3.0-or-later
// Vault layout: vault.key = "OVV2" | salt | ops | mem | checksum of those | sealed check text, the
// check sealed with the header as associated data (so changed KDF settings are detected);
// citizens/<id>/key = sealed citizen key; citizens/<id>/<name>.sealed = sealed data with associated
// data "<id>/<name>". "OVV1" key files (no checksum, header not bound) are read and upgraded.
#include <overum/core/files.h>
#include <overum/session/vault.h>

#include <overum/core/check.h>
#include <overum/core/strings.h>
#include <overum/session/atomic_file.h>

#include <algorithm>
#include <cstring>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace overum::session {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagicV1 = "OVV1";
constexpr std::string_view kMagicV2 = "OVV2";
constexpr std::size_t kHeaderSize = 4 + kSaltSize + 16;  // magic, salt, operations, memory
constexpr std::size_t kChecksumSize = 16;
constexpr std::string_view kCheckText = "overum-vault";
constexpr std::string_view kSealedSuffix = ".sealed";
// Argon2id settings outside these are refused before any work: a flipped bit must not make Øverum
// allocate gigabytes or run for hours. Øverum writes 3 operations and 256 MiB.
constexpr std::uint64_t kMaxOperations = 10;
constexpr std::uint64_t kMaxMemoryBytes = std::uint64_t(1) << 30;

bool validName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

void putU64(Bytes& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(std::uint8_t(v >> (8 * i)));
}
std::uint64_t getU64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= std::uint64_t(p[i]) << (8 * i);
  return v;
}

std::array<std::uint8_t, kChecksumSize> checksum(std::span<const std::uint8_t> bytes) {
  std::array<std::uint8_t, kChecksumSize> out{};
  crypto_generichash(out.data(), out.size(), bytes.data(), bytes.size(), nullptr, 0);
  return out;
}

// The associated data of the check text: the header itself, so its settings cannot be changed unseen.
std::string headerBinding(std::span<const std::uint8_t> header) {
  std::string hex(header.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), header.data(), header.size());
  hex.pop_back();
  return "vault/" + hex;
}

Bytes keyFileBytes(std::span<const std::uint8_t> salt, const KdfLimits& limits, const SecretKey& key) {
  Bytes b;
  b.reserve(kHeaderSize + kChecksumSize + 64);
  b.insert(b.end(), kMagicV2.begin(), kMagicV2.end());
  b.insert(b.end(), salt.begin(), salt.end());
  putU64(b, limits.operations);
  putU64(b, limits.memoryBytes);
  const std::string binding = headerBinding(b);
  const auto sum = checksum(b);
  b.insert(b.end(), sum.begin(), sum.end());
  const Bytes check = seal(key, asBytes(kCheckText), binding);
  b.insert(b.end(), check.begin(), check.end());
  return b;
}

// Version 2 settings are checksummed as well; version 1 files carry no checksum, so only the two
// settings Øverum ever wrote into them are taken (its default, and the minimum its tests use).
bool acceptable(const KdfLimits& limits, bool version1) {
  if (version1)
    return (limits.operations == 3 && limits.memoryBytes == 256u << 20) ||
           (limits.operations == crypto_pwhash_OPSLIMIT_MIN && limits.memoryBytes == crypto_pwhash_MEMLIMIT_MIN);
  return limits.operations >= crypto_pwhash_OPSLIMIT_MIN && limits.operations <= kMaxOperations &&
         limits.memoryBytes >= crypto_pwhash_MEMLIMIT_MIN && limits.memoryBytes <= kMaxMemoryBytes;
}

bool hasEntries(const fs::path& dir) {
  std::error_code ec;
  return fs::directory_iterator(dir, ec) != fs::directory_iterator() ||
         (ec && ec != std::errc::no_such_file_or_directory);
}

// Overwrites a file's bytes before unlinking, so a wrapped key does not linger in freed blocks of
// simple file systems; on SSDs the destroyed key is what makes the data unreadable. Returns false
// when the file is still there.
bool shred(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec) {
    Bytes noise(size);
    randombytes_buf(noise.data(), noise.size());
    if (std::FILE* f = std::fopen(path.c_str(), "r+b")) {
      std::fwrite(noise.data(), 1, noise.size(), f);
      std::fflush(f);
      ::fsync(::fileno(f));
      std::fclose(f);
    }
  }
  fs::remove(path, ec);
  return !fs::exists(fs::symlink_status(path, ec));
}

}  // namespace

bool Vault::validId(std::string_view id) { return validName(id) && id.find('.') == std::string_view::npos; }

bool Vault::exists(const fs::path& dir) {
  return hasEntries(dir / "citizens") || fs::exists(fs::symlink_status(dir / "vault.key"));
}

Vault::OpenResult Vault::open(const fs::path& dir, std::string_view passphrase, const KdfLimits& limits) {
  if (!initialiseSodium()) return {nullptr, "the encryption library (libsodium) could not start; nothing is stored"};
  if (passphrase.size() < 8) return {nullptr, "the passphrase must have at least 8 characters"};
  const fs::path keyFile = dir / "vault.key";
  try {
    std::optional<Bytes> existing;
    try {
      existing = readWholeFile(keyFile);
    } catch (const Error& e) {
      return {nullptr, format(tr("vault.key_unreadable"), e.what())};
    }
    if (!existing) {
      // A vault is created only where there is none at all: a missing key beside stored citizens
      // means the key was lost or moved, and a new one would lock their data away for good.
      if (hasEntries(dir / "citizens"))
        return {nullptr, format(tr("vault.key_missing"), keyFile.string(), (dir / "citizens").string())};
      std::array<std::uint8_t, kSaltSize> salt{};
      randombytes_buf(salt.data(), salt.size());
      SecretKey key = deriveKey(passphrase, salt, limits);
      createPrivateDirectories(dir);
      if (writeFileExclusively(keyFile, keyFileBytes(salt, limits, key)))
        return {std::unique_ptr<Vault>(new Vault(dir, key)), ""};
      existing = readWholeFile(keyFile);  // another Øverum created it a moment ago: open that one
      if (!existing) return {nullptr, format(tr("vault.key_missing"), keyFile.string(), (dir / "citizens").string())};
    }
    const Bytes& b = *existing;
    const bool v2 = b.size() >= kHeaderSize && std::memcmp(b.data(), kMagicV2.data(), 4) == 0;
    const bool v1 = b.size() >= kHeaderSize && std::memcmp(b.data(), kMagicV1.data(), 4) == 0;
    const std::span<const std::uint8_t> header(b.data(), std::min(b.size(), kHeaderSize));
    if (!v1 && !v2) return {nullptr, format(tr("vault.key_damaged"), keyFile.string(), "not an Øverum key file")};
    if (v2 && (b.size() < kHeaderSize + kChecksumSize ||
               sodium_memcmp(checksum(header).data(), b.data() + kHeaderSize, kChecksumSize) != 0))
      return {nullptr, format(tr("vault.key_damaged"), keyFile.string(), "its checksum does not match")};
    const std::span<const std::uint8_t> salt(b.data() + 4, kSaltSize);
    const KdfLimits stored{getU64(b.data() + 4 + kSaltSize), getU64(b.data() + 4 + kSaltSize + 8)};
    if (!acceptable(stored, v1))
      return {nullptr, format(tr("vault.key_damaged"), keyFile.string(),
                              format("key settings out of range ({} operations, {} bytes)", stored.operations,
                                     stored.memoryBytes))};
    SecretKey key = deriveKey(passphrase, salt, stored);
    const std::span<const std::uint8_t> sealedCheck =
        std::span(b).subspan(v2 ? kHeaderSize + kChecksumSize : kHeaderSize);
    if (!unseal(key, sealedCheck, v2 ? headerBinding(header) : std::string("vault")))
      return {nullptr, std::string(tr("vault.wrong_passphrase"))};
    if (v1) {
      try {  // the upgrade binds the settings to the key; a read-only vault simply stays as it was
        writeFileAtomically(keyFile, keyFileBytes(salt, stored, key));
      } catch (const Error&) {}
    }
    // Vaults made before folders were private: pseudonyms and session times are no one else's business.
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_all, ec);
    fs::permissions(dir / "citizens", fs::perms::owner_all, ec);
    for (const auto& entry : fs::directory_iterator(dir / "citizens", ec))
      if (entry.is_directory(ec)) fs::permissions(entry.path(), fs::perms::owner_all, ec);
    return {std::unique_ptr<Vault>(new Vault(dir, key)), ""};
  } catch (const Error& e) {
    return {nullptr, e.what()};
  }
}

fs::path Vault::citizenDir(std::string_view id) const {
  OVERUM_CHECK(validId(id), "'{}' is not a valid citizen id (letters, digits, - and _)", id);
  return dir_ / "citizens" / std::string(id);
}

std::vector<std::string> Vault::citizens() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / "citizens", ec))
    if (fs::exists(fs::symlink_status(entry.path() / "key", ec))) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool Vault::hasCitizen(std::string_view id) const {
  std::error_code ec;
  return validId(id) && fs::exists(fs::symlink_status(citizenDir(id) / "key", ec));
}

void Vault::addCitizen(std::string_view id) {
  if (hasCitizen(id)) return;
  const SecretKey key = SecretKey::random();
  createPrivateDirectories(citizenDir(id));
  writeFileExclusively(citizenDir(id) / "key",
                       seal(vaultKey_, std::span(key.data(), SecretKey::kSize), format("citizen-key/{}", id)));
}

SecretKey Vault::citizenKey(std::string_view id) const {
  const fs::path file = citizenDir(id) / "key";
  const auto unusable = [&](const std::string& why) {
    return Error(format(tr("vault.citizen_key_damaged"), id, why, citizenDir(id).string(), id));
  };
  std::optional<Bytes> wrapped;
  try {
    wrapped = readWholeFile(file);
  } catch (const Error& e) {
    throw unusable(e.what());
  }
  if (!wrapped) throw unusable(file.string() + " is missing");
  auto plain = unseal(vaultKey_, *wrapped, format("citizen-key/{}", id));
  if (!plain || plain->size() != SecretKey::kSize) throw unusable(file.string() + " is damaged or was changed");
  SecretKey key;
  std::memcpy(key.data(), plain->data(), SecretKey::kSize);
  sodium_memzero(plain->data(), plain->size());
  return key;
}

void Vault::write(std::string_view id, std::string_view name, std::span<const std::uint8_t> bytes) {
  OVERUM_CHECK(validName(name), "'{}' is not a valid file name in the vault", name);
  addCitizen(id);
  writeFileAtomically(citizenDir(id) / (std::string(name) + std::string(kSealedSuffix)),
                      seal(citizenKey(id), bytes, format("{}/{}", id, name)));
}

Vault::ReadResult Vault::read(std::string_view id, std::string_view name) const {
  if (!validName(name) || !hasCitizen(id)) return {};
  const fs::path path = citizenDir(id) / (std::string(name) + std::string(kSealedSuffix));
  try {
    auto sealed = readWholeFile(path);
    if (!sealed) return {};
    if (auto plain = unseal(citizenKey(id), *sealed, format("{}/{}", id, name))) return {std::move(plain), ""};
  } catch (const Error& e) {
    return {std::nullopt, e.what()};
  }
  return {std::nullopt, format(tr("vault.file_damaged"), path.string())};
}

std::optional<fs::path> Vault::setAside(std::string_view id, std::string_view name) {
  if (!validName(name)) return std::nullopt;
  const fs::path path = citizenDir(id) / (std::string(name) + std::string(kSealedSuffix));
  // Outside the ".sealed" names, so it is never read as the record again, yet kept for a rescue
  // and removed with the citizen.
  for (int n = 1; n < 1000; ++n) {
    const fs::path aside = citizenDir(id) / format("{}{}.damaged-{}", name, kSealedSuffix, n);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(aside, ec))) continue;
    if (::rename(path.c_str(), aside.c_str()) != 0)
      throw Error(format("cannot set {} aside: {}", path.string(), std::strerror(errno)));
    return aside;
  }
  return std::nullopt;
}

std::vector<std::string> Vault::files(std::string_view id) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(citizenDir(id), ec)) {
    const std::string file = entry.path().filename().string();
    if (file.ends_with(kSealedSuffix)) out.push_back(file.substr(0, file.size() - kSealedSuffix.size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Vault::remove(std::string_view id, std::string_view name) {
  if (!validName(name)) return;
  const fs::path path = citizenDir(id) / (std::string(name) + std::string(kSealedSuffix));
  if (!shred(path)) throw Error(format(tr("vault.remove_failed"), path.string()));
}

void Vault::eraseCitizen(std::string_view id) {
  const fs::path dir = citizenDir(id);
  const bool keyGone = shred(dir / "key");  // the key first: without it nothing left can be read
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) shred(entry.path());
  fs::remove_all(dir, ec);
  std::vector<std::string> left;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) left.push_back(entry.path().filename().string());
  if (fs::exists(fs::symlink_status(dir, ec)) && left.empty()) left.push_back(dir.filename().string());
  if (left.empty()) return;
  std::string names;
  for (std::size_t i = 0; i < left.size() && i < 8; ++i) names += (i ? ", " : "") + left[i];
  if (left.size() > 8) names += format(" (+{})", left.size() - 8);
  throw Error(format(tr(keyGone ? "vault.erase_partial" : "vault.erase_failed"), id, left.size(), dir.string(), names));
}

}  // namespace overum::session
