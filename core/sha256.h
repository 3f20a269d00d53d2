// SHA-256, for content hashes (change detection in update and verify). Small and dependency-free.
#pragma once

#include <string>
#include <string_view>

namespace annosearch {

// The SHA-256 digest of the bytes, as 64 lower-case hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace annosearch
