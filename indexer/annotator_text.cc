// Tokens and matching keys for the annotator.
#include "indexer/annotator_text.h"

#include <memory>
#include <unordered_map>

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "core/analysis.h"

namespace annosearch {
namespace {

bool is_word_char(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return u_isalnum(c) != 0 || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// One transliterator per thread: ICU transliterators are not safe to share while in use.
icu::Transliterator* transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    UErrorCode status = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII",
                                                UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      t.reset(
          icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
      if (U_FAILURE(status)) t.reset();
    }
  }
  return t.get();
}

}  // namespace

std::vector<TextToken> annotation_tokens(std::string_view text) {
  std::vector<TextToken> out;
  out.reserve(text.size() / 6);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  std::size_t cp = 0;
  while (i < n) {
    int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !is_word_char(c)) {
      ++cp;
      continue;
    }
    TextToken t;
    t.begin = static_cast<std::size_t>(begin);
    t.start = cp;
    bool ascii = true;
    bool digits = true;
    bool first_letter_seen = false;
    bool any_lower = false;
    bool any_upper = false;
    int32_t end = i;
    std::size_t len = 1;
    UChar32 ch = c;
    for (;;) {
      if (ch >= 0x80) ascii = false;
      if (ch < '0' || ch > '9') digits = false;
      if (ch < 0x80) {
        const bool up = ch >= 'A' && ch <= 'Z';
        const bool lo = ch >= 'a' && ch <= 'z';
        if (!first_letter_seen && (up || lo)) {
          first_letter_seen = true;
          t.upper_first = up;
        }
        any_upper = any_upper || up;
        any_lower = any_lower || lo;
      } else if (u_isalpha(ch) != 0) {
        const bool up = u_isupper(ch) != 0 || u_istitle(ch) != 0;
        const bool lo = u_islower(ch) != 0;
        if (!first_letter_seen) {
          first_letter_seen = true;
          t.upper_first = up || !lo;  // a script without case counts as capitalised
        }
        any_upper = any_upper || up;
        any_lower = any_lower || lo;
      }
      end = i;
      if (i >= n) break;
      int32_t next = i;
      UChar32 d = 0;
      U8_NEXT(s, next, n, d);
      if (d < 0 || !is_word_char(d)) break;
      i = next;
      ch = d;
      ++len;
    }
    t.end = static_cast<std::size_t>(end);
    t.stop = cp + len;
    cp += len;
    t.ascii = ascii;
    t.digits = digits;
    t.cased = any_upper || any_lower;
    t.all_upper = any_upper && !any_lower;
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    if (ascii) {
      t.folded.assign(word);
      for (char& ch2 : t.folded) {
        if (ch2 >= 'A' && ch2 <= 'Z') ch2 = static_cast<char>(ch2 - 'A' + 'a');
      }
    } else {
      t.folded = fold(word);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string match_key(const std::string& folded) {
  bool ascii = true;
  for (const char c : folded) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return folded;
  thread_local std::unordered_map<std::string, std::string> cache;
  if (const auto it = cache.find(folded); it != cache.end()) return it->second;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  if (icu::Transliterator* t = transliterator()) t->transliterate(u);
  std::string latin;
  u.toUTF8String(latin);
  std::string key;
  for (const char c : fold(latin)) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80) key.push_back(c);
  }
  if (cache.size() > 200000) cache.clear();
  cache.emplace(folded, key);
  return key;
}

}  // namespace annosearch
