// The query language: parse trees (table-driven) and rejected queries.
#include "query/parser.h"

#include <catch2/catch.hpp>

#include "core/error.h"

using annosearch::describe;
using annosearch::parse_query;

TEST_CASE("queries parse to the expected trees", "[query][parser]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "AND()"},
      {"   ", "AND()"},
      {"refugees", "refugees"},
      {"refugees camp", "AND(refugees, camp)"},
      {"refugees AND camp", "AND(refugees, camp)"},
      {"\"human rights\"", "\"human rights\""},
      {"refugees -taliban", "AND(refugees, NOT(taliban))"},
      {"refugees NOT taliban", "AND(refugees, NOT(taliban))"},
      {"refugees Tajikistan OR Afghanistan", "AND(refugees, OR(Tajikistan, Afghanistan))"},
      {"(a b) OR c", "OR(AND(a, b), c)"},
      {"a OR b OR c", "OR(a, b, c)"},
      {"actor:Putin theme:security date:2021-11..2021-12",
       "AND(actor:Putin, theme:security, date:2021-11..2021-12)"},
      {"actor:\"Emomali Rahmon\" refugees", "AND(actor:\"Emomali Rahmon\", refugees)"},
      {"-actor:Putin", "NOT(actor:Putin)"},
      {"actor:Putin OR actor:Rahmon", "OR(actor:Putin, actor:Rahmon)"},
      {"when:2021-11 type:PERSON", "AND(when:2021-11, type:PERSON)"},
      {"anti-Taliban", "anti-Taliban"},
      {"+refugees", "refugees"},
      {"10:30 news", "AND(10:30, news)"},
      {"-\"human rights\" aid", "AND(NOT(\"human rights\"), aid)"},
      {"NOT NOT a", "NOT(NOT(a))"},
      {"a ()", "a"},
  };
  for (const auto& [query, expected] : cases) {
    INFO(query);
    CHECK(describe(parse_query(query)) == expected);
  }
}

TEST_CASE("malformed queries are usage errors", "[query][parser]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"\"human rights", "unbalanced quote"},
      {"(a b", "a ( without its )"},
      {"a b)", "a ) without its ("},
      {"OR a", "OR needs a term on each side"},
      {"a OR", "OR needs a term on each side"},
      {"a NOT", "NOT (or -) needs a term after it"},
      {"person:Putin", "unknown field \"person:\""},
      {"actor:", "the field actor: has no value"},
  };
  for (const auto& [query, message] : cases) {
    INFO(query);
    try {
      (void)parse_query(query);
      FAIL("parsed without error");
    } catch (const annosearch::Error& e) {
      CHECK(e.kind() == annosearch::ErrorKind::kUsage);
      CHECK_THAT(e.what(), Catch::Contains(message));
    }
  }
}
