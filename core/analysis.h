// Text analysis: the one place that turns text into index terms, used alike for documents and for
// queries (Lucene's rule), so a query word always meets the term its document was indexed with.
//
// Words are found by ICU's word break rules, folded by ICU's NFKC_Casefold (so "Ｒａｈｍｏｎ",
// "RAHMON" and "rahmon" are one term), with typographic apostrophes made plain and a possessive
// "'s" dropped; stems come from Xapian's Snowball stemmer for the document's language (none for a
// language Xapian lacks, such as Tajik).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/document.h"

namespace annosearch {

struct Token {
  std::string term;  // folded word, unstemmed, UTF-8
  Span span;         // where the word stands in the analysed text, in code points
};

// Folds a string as words are folded: NFKC_Casefold, typographic apostrophes to "'", possessive
// "'s" removed at the end. For comparing names and aliases too.
[[nodiscard]] std::string fold(std::string_view utf8);

// The primary subtag of a BCP 47 tag, lower case ("pt-BR" -> "pt"); "en" for an empty tag.
[[nodiscard]] std::string primary_language(std::string_view bcp47);

// Splits text into folded words. Not thread-safe (it owns an ICU break iterator): one per thread.
class Analyzer {
 public:
  // language: BCP 47 ("en", "ru", "tg", "pt-BR"); picks Xapian's stemmer for its primary subtag,
  // or no stemming when Xapian has none.
  explicit Analyzer(const std::string& language = "en");
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // The words of a UTF-8 text with their code point spans, in order. Invalid UTF-8 is replaced by
  // U+FFFD (one code point per bad byte sequence, as ICU does).
  // Words longer than schema::kMaxTermBytes are left out (they are not indexed); with `too_long`
  // they are appended there, so a query can refuse them instead of dropping them silently.
  [[nodiscard]] std::vector<Token> tokenize(std::string_view utf8,
                                            std::vector<std::string>* too_long = nullptr) const;
  // The stem of a folded word ("rebuilding" -> "rebuild"); the word itself without a stemmer.
  [[nodiscard]] std::string stem(const std::string& term) const;
  // Xapian's name for the stemmer in use ("english"), or "none".
  [[nodiscard]] const std::string& stemmer_language() const { return stemmer_language_; }
  [[nodiscard]] const Xapian::Stem& stemmer() const { return stemmer_; }

 private:
  struct Icu;
  std::unique_ptr<Icu> icu_;
  Xapian::Stem stemmer_;
  std::string stemmer_language_;
};

}  // namespace annosearch
