// SPDX-License-Identifier: GPL-3.0-or-later
// libsodium wrappers: XChaCha20-Poly1305 AEAD with a random nonce per blob, Argon2id for passphrases.
#include <overum/session/sealed_box.h>

#include <overum/core/check.h>

#include <cstring>
#include <sodium.h>

namespace overum::session {
namespace {
constexpr std::array<std::uint8_t, 4> kMagic{'O', 'V', 'S', '1'};
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
}  // namespace

SecretKey::SecretKey() = default;
SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }
SecretKey::SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}
SecretKey& SecretKey::operator=(const SecretKey& other) {
  bytes_ = other.bytes_;
  return *this;
}

SecretKey SecretKey::random() {
  OVERUM_CHECK(initialiseSodium(), "libsodium could not start");
  SecretKey key;
  randombytes_buf(key.data(), kSize);
  return key;
}

bool initialiseSodium() { return sodium_init() >= 0; }

SecretKey deriveKey(std::string_view passphrase, std::span<const std::uint8_t> salt, const KdfLimits& limits) {
  OVERUM_CHECK(initialiseSodium(), "libsodium could not start");
  OVERUM_CHECK(salt.size() == crypto_pwhash_SALTBYTES, "salt has {} bytes, expected {}", salt.size(),
               crypto_pwhash_SALTBYTES);
  SecretKey key;
  const int rc = crypto_pwhash(key.data(), SecretKey::kSize, passphrase.data(), passphrase.size(), salt.data(),
                               limits.operations, limits.memoryBytes, crypto_pwhash_ALG_ARGON2ID13);
  OVERUM_CHECK(rc == 0, "Argon2id needs {} MiB of memory that could not be had", limits.memoryBytes >> 20);
  return key;
}

Bytes seal(const SecretKey& key, std::span<const std::uint8_t> plaintext, std::string_view associatedData) {
  Bytes out(kMagic.size() + kNonce + plaintext.size() + kTag);
  std::memcpy(out.data(), kMagic.data(), kMagic.size());
  std::uint8_t* nonce = out.data() + kMagic.size();
  randombytes_buf(nonce, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonce, &written, plaintext.data(), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(associatedData.data()),
                                             associatedData.size(), nullptr, nonce, key.data());
  return out;
}

std::optional<Bytes> unseal(const SecretKey& key, std::span<const std::uint8_t> sealed,
                            std::string_view associatedData) {
  if (sealed.size() < kMagic.size() + kNonce + kTag) return std::nullopt;
  if (std::memcmp(sealed.data(), kMagic.data(), kMagic.size()) != 0) return std::nullopt;
  const std::uint8_t* nonce = sealed.data() + kMagic.size();
  const std::uint8_t* cipher = nonce + kNonce;
  const std::size_t cipherSize = sealed.size() - kMagic.size() - kNonce;
  Bytes plain(cipherSize - kTag);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &written, nullptr, cipher, cipherSize,
                                                 reinterpret_cast<const unsigned char*>(associatedData.data()),
                                                 associatedData.size(), nonce, key.data()) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace overum::session
