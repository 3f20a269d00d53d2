// The annotator's view of a text: words with their byte and code point positions, folded as the
// index folds them (core/analysis.h: NFKC_Casefold, typographic quotes made plain), plus the case
// facts that names need ("UN" is a name, "un" is not) and a script-neutral key for matching names
// across scripts (ICU transliteration to Latin ASCII: "Рахмон" and "Rakhmon" share the key
// "rakhmon").
//
// Words are runs of letters, digits and combining marks. Everything else separates words, so
// "Rahmon’s" is "Rahmon" + "s" (the possessive falls outside the name's span) and "anti-Taliban" is
// "anti" + "Taliban". Thread-safe: no shared mutable state (the transliterator is per thread).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace annosearch {

struct TextToken {
  std::size_t begin = 0;     // byte offset in the text
  std::size_t end = 0;       // byte offset, exclusive
  std::size_t start = 0;     // code point offset
  std::size_t stop = 0;      // code point offset, exclusive
  std::string folded;        // NFKC_Casefold, as the index folds words
  bool upper_first = false;  // the first letter is upper case (or the script has no case)
  bool all_upper = false;    // every cased letter is upper case, and there is one
  bool cased = false;        // holds at least one cased letter
  bool digits = false;       // only ASCII digits
  bool ascii = false;        // only ASCII characters
};

// The words of a UTF-8 text, in order. Invalid bytes separate words.
[[nodiscard]] std::vector<TextToken> annotation_tokens(std::string_view text);

// The matching key of a folded word: the word itself when it is ASCII, otherwise its
// transliteration to Latin ASCII (Russian BGN/PCGN rules for Cyrillic, then ICU's Any-Latin and
// Latin-ASCII), folded again, letters and digits only.
[[nodiscard]] std::string match_key(const std::string& folded);

}  // namespace annosearch
