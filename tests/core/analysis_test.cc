// Text analysis: words, folding, offsets in code points, stemming by language.
#include "core/analysis.h"

#include <catch2/catch.hpp>

using annosearch::Analyzer;
using annosearch::fold;

namespace {

std::string terms_of(const Analyzer& a, const std::string& text) {
  std::string out;
  for (const auto& t : a.tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.term + "[" + std::to_string(t.span.start) + "," + std::to_string(t.span.end) + ")";
  }
  return out;
}

}  // namespace

TEST_CASE("words are folded and located in code points", "[analysis]") {
  const Analyzer en("en");
  CHECK(terms_of(en, "President Emomali Rahmon\u2019s anti-Taliban rhetoric.") ==
        "president[0,9) emomali[10,17) rahmon[18,26) anti[27,31) taliban[32,39) rhetoric[40,48)");
  CHECK(terms_of(en, "Рахмон and Ｒａｈｍｏｎ") == "рахмон[0,6) and[7,10) rahmon[11,17)");
  CHECK(terms_of(en, "some 14,000 refugees") == "some[0,4) 14,000[5,11) refugees[12,20)");
  CHECK(terms_of(en, "STRASSE Straße") == "strasse[0,7) strasse[8,14)");
}

TEST_CASE("fold matches names written differently", "[analysis]") {
  CHECK(fold("Rahmon\u2019s") == "rahmon");
  CHECK(fold("RAHMON") == "rahmon");
  CHECK(fold("Taliban") == fold("TALIBAN"));
  CHECK(fold("\xEF\xBC\xB2") == "r");  // fullwidth R
}

TEST_CASE("stemmer follows the document language", "[analysis]") {
  CHECK(Analyzer("en").stemmer_language() == "english");
  CHECK(Analyzer("en-GB").stemmer_language() == "english");
  CHECK(Analyzer("ru").stemmer_language() == "russian");
  CHECK(Analyzer("tg").stemmer_language() == "none");
  CHECK(Analyzer("en").stem("refugees") == "refuge");
  CHECK(Analyzer("ru").stem("беженцев") == "беженц");
  CHECK(Analyzer("tg").stem("гурезагон") == "гурезагон");
}
