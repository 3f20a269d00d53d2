// Highlight spans: query words (folded and stemmed) and filtered actors' mentions.
#include "query/highlight.h"

#include <catch2/catch.hpp>

using annosearch::Analyzer;
using annosearch::HighlightTerms;
using annosearch::render_highlighted;
using annosearch::Span;
using annosearch::StoredMention;

TEST_CASE("highlight wraps stemmed and exact matches and mentions", "[query][highlight]") {
  const Analyzer analyzer("en");
  const std::string text = "President Rakhmon’s refugees: a Refugee camp near Dushanbe’s border";
  HighlightTerms terms;
  terms.stems.insert(analyzer.stem("refugees"));  // "refuge"
  terms.words.insert("border");
  const std::vector<StoredMention> mentions{{{10, 17}, "emomali-rahmon"}, {{50, 58}, "dushanbe"}};
  const auto spans =
      annosearch::highlight_spans(analyzer, text, terms, mentions, {"emomali-rahmon"});
  CHECK(render_highlighted(text, spans) ==
        "President [Rakhmon]’s [refugees]: a [Refugee] camp near Dushanbe’s [border]");
  // Code points, not bytes: the spans after "’" (3 bytes) still land on the words.
  REQUIRE(spans.size() == 4);
  CHECK(spans[3].start == 61);
  CHECK(spans[3].end == 67);
}

TEST_CASE("highlight spans merge and render at code points", "[query][highlight]") {
  const auto merged = annosearch::merge_spans({{5, 8}, {0, 3}, {2, 4}, {8, 9}, {20, 20}});
  REQUIRE(merged.size() == 2);
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 4);
  CHECK(merged[1].start == 5);
  CHECK(merged[1].end == 9);
  CHECK(render_highlighted("Рахмон и Путин", {{0, 6}, {9, 14}}, "<", ">") == "<Рахмон> и <Путин>");
  CHECK(render_highlighted("abc", {{1, 99}}) == "a[bc]");
  CHECK(render_highlighted("abc", {}) == "abc");
}

TEST_CASE("a phrase is highlighted only where its words stand together", "[highlight]") {
  const annosearch::Analyzer analyzer("en");
  annosearch::HighlightTerms terms;
  terms.phrases.insert({"human", "rights"});
  const std::string text = "the rights of human rights activists, humanly";
  const auto spans = annosearch::highlight_spans(analyzer, text, terms, {}, {});
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].start == 14);
  CHECK(spans[0].end == 26);
  CHECK(annosearch::render_highlighted(text, spans) ==
        "the rights of [human rights] activists, humanly");
}
