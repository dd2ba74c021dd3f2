// Vault layout: vault.key = "OVV1" | salt | ops | mem | sealed check; citizens/<id>/key = sealed citizen key;
// citizens/<id>/<name>.sealed = sealed data with associated data "<id>/<name>".
#include <overum/session/vault.h>

#include <overum/core/check.h>
#include <overum/session/atomic_file.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sodium.h>

namespace overum::session {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kVaultMagic = "OVV1";
constexpr std::string_view kCheckText = "overum-vault";
constexpr std::string_view kSealedSuffix = ".sealed";

bool validName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.';
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

// Overwrites a file's bytes before unlinking, so a wrapped key does not linger in freed blocks of
// simple file systems; on SSDs the destroyed key is what makes the data unreadable.
void shred(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec) {
    std::ofstream out(path, std::ios::binary | std::ios::in | std::ios::out);
    Bytes noise(size);
    randombytes_buf(noise.data(), noise.size());
    out.write(reinterpret_cast<const char*>(noise.data()), std::streamsize(noise.size()));
    out.flush();
  }
  fs::remove(path, ec);
}

}  // namespace

bool Vault::validId(std::string_view id) {
  return validName(id) && id.find('.') == std::string_view::npos;
}

bool Vault::exists(const fs::path& dir) { return fs::exists(dir / "vault.key"); }

Vault::OpenResult Vault::open(const fs::path& dir, std::string_view passphrase, const KdfLimits& limits) {
  if (!initialiseSodium()) return {nullptr, "the encryption library (libsodium) could not start; nothing is stored"};
  if (passphrase.size() < 8) return {nullptr, "the passphrase must have at least 8 characters"};
  const fs::path keyFile = dir / "vault.key";
  try {
    if (auto existing = readWholeFile(keyFile)) {
      const Bytes& b = *existing;
      const std::size_t header = kVaultMagic.size() + kSaltSize + 16;
      if (b.size() < header || std::memcmp(b.data(), kVaultMagic.data(), kVaultMagic.size()) != 0)
        return {nullptr, format("{} is not an Øverum vault file (damaged?); restore it from a backup", keyFile.string())};
      const std::span<const std::uint8_t> salt(b.data() + kVaultMagic.size(), kSaltSize);
      const KdfLimits stored{getU64(b.data() + kVaultMagic.size() + kSaltSize),
                             getU64(b.data() + kVaultMagic.size() + kSaltSize + 8)};
      SecretKey key = deriveKey(passphrase, salt, stored);
      if (!unseal(key, std::span(b).subspan(header), "vault"))
        return {nullptr, "wrong passphrase (or the vault file was changed); try again"};
      return {std::unique_ptr<Vault>(new Vault(dir, key)), ""};
    }
    Bytes b(kVaultMagic.begin(), kVaultMagic.end());
    std::array<std::uint8_t, kSaltSize> salt{};
    randombytes_buf(salt.data(), salt.size());
    b.insert(b.end(), salt.begin(), salt.end());
    putU64(b, limits.operations);
    putU64(b, limits.memoryBytes);
    SecretKey key = deriveKey(passphrase, salt, limits);
    const Bytes check = seal(key, asBytes(kCheckText), "vault");
    b.insert(b.end(), check.begin(), check.end());
    writeFileAtomically(keyFile, b);
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
    if (fs::exists(entry.path() / "key")) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool Vault::hasCitizen(std::string_view id) const { return validId(id) && fs::exists(citizenDir(id) / "key"); }

void Vault::addCitizen(std::string_view id) {
  if (hasCitizen(id)) return;
  const SecretKey key = SecretKey::random();
  writeFileAtomically(citizenDir(id) / "key",
                      seal(vaultKey_, std::span(key.data(), SecretKey::kSize), format("citizen-key/{}", id)));
}

SecretKey Vault::citizenKey(std::string_view id) const {
  auto wrapped = readWholeFile(citizenDir(id) / "key");
  OVERUM_CHECK(wrapped, "no data stored for '{}'", id);
  auto plain = unseal(vaultKey_, *wrapped, format("citizen-key/{}", id));
  OVERUM_CHECK(plain && plain->size() == SecretKey::kSize, "the key of '{}' is damaged or was changed", id);
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
  auto sealed = readWholeFile(path);
  if (!sealed) return {};
  try {
    if (auto plain = unseal(citizenKey(id), *sealed, format("{}/{}", id, name))) return {std::move(plain), ""};
  } catch (const Error& e) {
    return {std::nullopt, e.what()};
  }
  return {std::nullopt, format("{} is damaged or was changed outside Øverum, so it was not opened; "
                               "the citizen's other files are unaffected",
                               path.string())};
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
  shred(citizenDir(id) / (std::string(name) + std::string(kSealedSuffix)));
}

void Vault::eraseCitizen(std::string_view id) {
  const fs::path dir = citizenDir(id);
  shred(dir / "key");
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) shred(entry.path());
  fs::remove_all(dir, ec);
}

}  // namespace overum::session
