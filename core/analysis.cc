// ICU word breaking and folding, Xapian stemming.
#include "core/analysis.h"

#include <memory>
#include <mutex>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/error.h"
#include "core/schema.h"

namespace annosearch {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || n == nullptr) {
    throw Error(ErrorKind::kInternal,
                std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(status));
  }
  return *n;
}

std::string fold_unicode(const icu::UnicodeString& in) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold().normalize(in, status);
  if (U_FAILURE(status)) return {};
  // Typographic apostrophes (right single quote, modifier letter apostrophe) become "'".
  folded.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), "'");
  folded.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), "'");
  if (folded.endsWith("'s")) {
    folded.truncate(folded.length() - 2);
  } else if (folded.length() > 1 && folded.endsWith("'")) {
    folded.truncate(folded.length() - 1);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

// Xapian's stemmer name for a BCP 47 tag, or "none".
std::string stemmer_for(const std::string& language) {
  const std::string primary = primary_language(language);
  try {
    const Xapian::Stem probe(primary);
    const std::string description = probe.get_description();  // "Xapian::Stem(english)"
    const auto open = description.find('(');
    const auto close = description.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close <= open + 1) return "none";
    return description.substr(open + 1, close - open - 1);
  } catch (const Xapian::InvalidArgumentError&) {
    return "none";
  }
}

}  // namespace

std::string primary_language(std::string_view bcp47) {
  std::string primary(bcp47.substr(0, bcp47.find_first_of("-_")));
  for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return primary.empty() ? std::string("en") : primary;
}

struct Analyzer::Icu {
  std::unique_ptr<icu::BreakIterator> words;
};

std::string fold(std::string_view utf8) {
  return fold_unicode(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

Analyzer::Analyzer(const std::string& language)
    : icu_(std::make_unique<Icu>()), stemmer_language_(stemmer_for(language)) {
  UErrorCode status = U_ZERO_ERROR;
  icu_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !icu_->words) {
    throw Error(ErrorKind::kInternal,
                std::string("ICU word break iterator unavailable: ") + u_errorName(status));
  }
  stemmer_ = stemmer_language_ == "none" ? Xapian::Stem() : Xapian::Stem(stemmer_language_);
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::tokenize(std::string_view utf8,
                                      std::vector<std::string>* too_long) const {
  std::vector<Token> out;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::BreakIterator& it = *icu_->words;
  it.setText(text);
  int32_t start = it.first();
  std::size_t start_cp = 0;  // code points before `start`
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    const std::size_t len_cp = static_cast<std::size_t>(text.countChar32(start, end - start));
    if (it.getRuleStatus() != UBRK_WORD_NONE) {
      std::string term = fold_unicode(text.tempSubStringBetween(start, end));
      if (!term.empty() && term.size() <= schema::kMaxTermBytes) {
        out.push_back({std::move(term), {start_cp, start_cp + len_cp}});
      } else if (!term.empty() && too_long != nullptr) {
        too_long->push_back(std::move(term));
      }
    }
    start_cp += len_cp;
  }
  return out;
}

std::string Analyzer::stem(const std::string& term) const {
  return stemmer_language_ == "none" ? term : stemmer_(term);
}

}  // namespace annosearch
