// SPDX-License-Identifier: GPL-3.0-or-later
// Authenticated encryption of one blob (XChaCha20-Poly1305 from libsodium) and Argon2id key derivation.
// A sealed blob is "OVS1" + nonce + ciphertext; the associated data binds it to its place in the store.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace overum::session {

using Bytes = std::vector<std::uint8_t>;

// A 256-bit key that wipes itself when it goes away.
class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;
  SecretKey();  // all zero
  ~SecretKey();
  SecretKey(const SecretKey& other);
  SecretKey& operator=(const SecretKey& other);
  static SecretKey random();
  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }

 private:
  std::array<std::uint8_t, kSize> bytes_{};
};

struct KdfLimits {
  std::uint64_t operations = 3;            // default: libsodium's "moderate" Argon2id cost
  std::uint64_t memoryBytes = 256u << 20;  // default 256 MiB; tests use the minimum to stay fast
};
inline constexpr std::size_t kSaltSize = 16;

bool initialiseSodium();  // false when libsodium cannot start (then nothing may be stored)

SecretKey deriveKey(std::string_view passphrase, std::span<const std::uint8_t> salt, const KdfLimits& limits);

Bytes seal(const SecretKey& key, std::span<const std::uint8_t> plaintext, std::string_view associatedData);
// Empty when the blob was not sealed with this key and associated data, or was changed in any way.
std::optional<Bytes> unseal(const SecretKey& key, std::span<const std::uint8_t> sealed,
                            std::string_view associatedData);

inline std::span<const std::uint8_t> asBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace overum::session
