#include "onestop/store/secrets.h"
#include "onestop/base/error_codes.h"

#include <sodium.h>

#include "onestop/base/ids.h"

namespace onestop::store {

namespace {
// Argon2id, lighter than libsodium's "interactive" preset (64 MiB) so the hub stays
// small and tests stay fast, yet each guess still costs milliseconds and 8 MiB; the
// 429 lockout after 5 wrong tries is the main defence for short PINs.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 8u * 1024 * 1024;

void ensure_sodium() {
    static const int ready = sodium_init();
    (void)ready;
}
}  // namespace

Result<std::string> hash_pin(const std::string& pin) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), kOpsLimit, kMemLimit) != 0)
        return make_error(errc::hash_failed, "could not hash the PIN (out of memory)");
    return std::string(out);
}

bool verify_pin(const std::string& stored_hash, const std::string& pin) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored_hash.c_str(), pin.data(), pin.size()) == 0;
}

std::string new_token() {
    return random_hex(32);
}

std::string token_hash(const std::string& token) {
    ensure_sodium();
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

bool same_hash(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace onestop::store
