// Passages, UTF-8 helpers and taxonomy walks.
#include "core/document.h"

#include <catch2/catch.hpp>

using namespace annosearch;

TEST_CASE("passages are the lines of the text numbered from 1", "[document]") {
  const auto p = split_passages("Headline\nFirst paragraph\u2019s text.\n\nLast");
  REQUIRE(p.size() == 4);
  CHECK(p[0].n == 1);
  CHECK(p[0].span.start == 0);
  CHECK(p[0].span.end == 8);
  CHECK(p[1].span.start == 9);
  CHECK(p[1].span.end == 9 + 23);
  CHECK(p[2].span.start == p[2].span.end);
  CHECK(p[3].n == 4);
  const auto crlf = split_passages("a\r\nb");
  CHECK(crlf[0].span.end == 1);
}

TEST_CASE("code point helpers", "[document]") {
  const std::string s = "Rahmon\u2019s Рахмон";
  CHECK(count_code_points(s) == 15);
  CHECK(substr_code_points(s, 9, 15) == "Рахмон");
  CHECK(substr_code_points(s, 0, 6) == "Rahmon");
  std::size_t bad = 0;
  CHECK(is_valid_utf8(s));
  CHECK_FALSE(is_valid_utf8("ok\xC3(", &bad));
  CHECK(bad == 2);
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong "/"
}

TEST_CASE("taxonomy ancestors and descendants", "[document]") {
  Taxonomy t;
  t.put({"economy", "Economy", "", "", ""});
  t.put({"trade", "Trade", "economy", "", ""});
  t.put({"energy", "Energy", "economy", "", ""});
  t.put({"oil", "Oil", "energy", "", ""});
  CHECK(t.with_ancestors("oil") == std::vector<std::string>{"oil", "energy", "economy"});
  CHECK(t.with_descendants("economy") ==
        std::vector<std::string>{"economy", "energy", "trade", "oil"});
  CHECK(t.with_ancestors("unknown") == std::vector<std::string>{"unknown"});
}
