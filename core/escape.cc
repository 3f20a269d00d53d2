// Escaping control characters and repairing invalid UTF-8 for output.
#include "core/escape.h"

#include <cstdint>
#include <cstdio>

namespace annosearch {
namespace {

// Length of the valid UTF-8 sequence at text[i] (1..4), or 0 when the bytes there are not one.
// Follows RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
std::size_t utf8_length(std::string_view text, std::size_t i, char32_t* cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = b(0);
  const auto cont = [&](std::size_t k) { return i + k < text.size() && (b(k) & 0xC0U) == 0x80U; };
  if (c < 0x80U) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2U && c <= 0xDFU && cont(1)) {
    *cp = ((c & 0x1FU) << 6U) | (b(1) & 0x3FU);
    return 2;
  }
  if (c >= 0xE0U && c <= 0xEFU && cont(1) && cont(2)) {
    const char32_t v = ((c & 0x0FU) << 12U) | ((b(1) & 0x3FU) << 6U) | (b(2) & 0x3FU);
    if (v < 0x800U || (v >= 0xD800U && v <= 0xDFFFU)) return 0;
    *cp = v;
    return 3;
  }
  if (c >= 0xF0U && c <= 0xF4U && cont(1) && cont(2) && cont(3)) {
    const char32_t v =
        ((c & 0x07U) << 18U) | ((b(1) & 0x3FU) << 12U) | ((b(2) & 0x3FU) << 6U) | (b(3) & 0x3FU);
    if (v < 0x10000U || v > 0x10FFFFU) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

void append_hex(std::string& out, const char* format, unsigned value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202AU && cp <= 0x202EU) || (cp >= 0x2066U && cp <= 0x2069U);
}

}  // namespace

std::string escape_control(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t n = utf8_length(text, i, &cp);
    if (n == 0) {
      append_hex(out, "\\x%02x", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp < 0x20U || cp == 0x7FU) {
      if (keep_line_breaks && (cp == '\n' || cp == '\t')) {
        out += static_cast<char>(cp);
      } else if (cp == '\n') {
        out += "\\n";
      } else if (cp == '\t') {
        out += "\\t";
      } else if (cp == '\r') {
        out += "\\r";
      } else {
        append_hex(out, "\\x%02x", static_cast<unsigned>(cp));
      }
    } else if ((cp >= 0x80U && cp <= 0x9FU) || is_bidi_control(cp)) {
      append_hex(out, "\\u%04x", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  std::size_t copied = 0;  // text[copied, i) is valid and not yet appended
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t n = utf8_length(text, i, &cp);
    if (n > 0) {
      i += n;
      continue;
    }
    out.append(text.substr(copied, i - copied));
    out += "\xEF\xBF\xBD";  // U+FFFD
    copied = ++i;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace annosearch
