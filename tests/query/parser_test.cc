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
      {"+refugees", "+refugees"},
      {"Taliban NEAR/5 Rahmon", "NEAR/5(Taliban, Rahmon)"},
      {"Taliban NEAR Rahmon", "NEAR/10(Taliban, Rahmon)"},
      {"actor:Putin ADJ/12 Taliban", "ADJ/12(actor:Putin, Taliban)"},
      {"a NEAR/3 b NEAR/3 c", "NEAR/3(a, b, c)"},
      {"a NEAR/3 b OR c", "OR(NEAR/3(a, b), c)"},
      {"-a NEAR/3 b", "NOT(NEAR/3(a, b))"},
      {"actor:Russia NEAR/5 \"military base\"", "NEAR/5(actor:Russia, \"military base\")"},
      {"\"a b\"~3 c", "AND(\"a b\"~3, c)"},
      {"Tajik*", "Tajik*"},
      {"Tajik* NEAR/2 border", "NEAR/2(Tajik*, border)"},
      {"actor:Tajikistan+", "actor:Tajikistan+"},
      {"actor:\"Emomali Rahmon\"+", "actor:\"Emomali Rahmon\"+"},
      {"NEARBY ADJUST", "AND(NEARBY, ADJUST)"},
      {"a - b", "AND(a, b)"},
      {"be,. - (a) b", "AND(be,., a, b)"},
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
      {"-", "query error at character 1: - needs a term right after it"},
      // Latin-1 "café", and a stray continuation byte after "Рахмон NEAR ": located, never read.
      {"caf\xe9 prices",
       "query error at character 4: the query is not valid UTF-8 (byte 0xE9); write it in UTF-8"},
      {"Рахмон NEAR \x9e",
       "query error at character 13: the query is not valid UTF-8 (byte 0x9E); write it in UTF-8"},
      {"refugees -", "query error at character 10: - needs a term right after it"},
      {"refugees +", "query error at character 10: + needs a term right after it"},
      {"- refugees", "query error at character 1: - needs a term right after it"},
      {"a OR - b", "query error at character 6: - needs a term right after it"},
      {"a - )", "query error at character 3: - needs a term right after it"},
      {"a AND", "query error at character 3: AND needs a term on each side"},
      {"Рахмон NEAR/99 a",
       "query error at character 8: NEAR/n needs a whole number n from 1 to 50"},
      {"NEAR/3 a", "NEAR/3 needs a term on each side"},
      {"a NEAR/3 (b c)", "query error at character 10: NEAR/3 joins words"},
      {"a NEAR/3 \"b c\"~2", "NEAR/3 joins words"},
      {"a NEAR/3 theme:x", "NEAR/3 joins words"},
      {"a NEAR/3 NOT b", "NEAR/3 needs a term on each side"},
      {"a NEAR/3 b ADJ/3 c", "one operator and one distance"},
      {"*", "* needs a prefix before it"},
      {"a*b", "* works only at the end of a word"},
      {"\"a b\"~", "~ after a phrase needs a whole number"},
      {"\"a b\"~51", "~ after a phrase needs a whole number"},
      {"x~2", "~n works only right after a quoted phrase"},
      {"a || b", "\"||\" is not an operator here"},
      {"theme:x+", "X+ (add related entities) works with actor: only"},
      {"+(a)", "+ must stand right before a word"},
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

// to_query_text is the canonical printer: its text parses back to the same tree. The first three
// printed differently before (found while writing tests/fuzz/fuzz_query): "-(a b)" printed as
// "-a b" (negating a alone), "-()" as "-" (an error), a field value with a parenthesis or a tab
// unquoted (split into several tokens).
TEST_CASE("queries print back to text that parses to the same tree", "[query][parser]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"-(a b)", "-(a b)"},
      {"-(a OR b) c", "-(a OR b) c"},
      {"-()", "-()"},
      {"actor:\"a (b)\"", "actor:\"a (b)\""},
      {"theme:\"a\tb\"", "theme:\"a\tb\""},
      {"actor:\"Emomali Rahmon\"+ x", "actor:\"Emomali Rahmon\"+ x"},
      {"a NEAR b", "a NEAR/10 b"},
      {"\"a b\"~0 +the Tajik*", "\"a b\" +the Tajik*"},
      {"(a b) OR (c (d OR e))", "(a b) OR (c (d OR e))"},
      {"a - b --c", "a b --c"},
  };
  for (const auto& [query, printed] : cases) {
    INFO(query);
    const auto tree = parse_query(query);
    CHECK(annosearch::to_query_text(tree) == printed);
    CHECK(describe(parse_query(printed)) == describe(tree));
  }
}
