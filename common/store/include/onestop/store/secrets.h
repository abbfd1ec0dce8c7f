#pragma once
// Secrets are stored only as hashes (libsodium):
// - staff PINs: salted, deliberately slow Argon2id strings (crypto_pwhash_str), since a
//   4–6 digit PIN has little entropy;
// - device and session tokens: 32 random bytes, so a fast keyed-free BLAKE2b hash
//   (crypto_generichash) is enough; compared in constant time.

#include <string>

#include "onestop/base/result.h"

namespace onestop::store {

Result<std::string> hash_pin(const std::string& pin);
// True iff `pin` matches the stored hash; constant-time inside libsodium.
bool verify_pin(const std::string& stored_hash, const std::string& pin);

std::string new_token();                                     // 64 hex characters
std::string token_hash(const std::string& token);            // 64 hex characters
bool same_hash(const std::string& a, const std::string& b);  // constant time (sodium_memcmp)

}  // namespace onestop::store
