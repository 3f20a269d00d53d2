// The query language end to end on the seed (issue 7): questions in plain words with partial
// matches, --match, proximity with actors, phrases with slop, prefixes, refused constructs.
//
// Expected values are counted by hand from the gold file (corpus/documents/...json, passage n is
// line n of its text), with the word positions listed in the comments:
// - "tajikistan" stands in 21 passages (2 6 7 8 9 11 13 17 20 21 25 26 27 30 31 32 33 35 36 38 46;
//   14 has "Tajikistani", another stem);
//   "refuses" only in 2; "engage" in 2 and 47; "taliban" in 35 passages. Passage 2 alone has all
//   four; 42 passages have one of them at least.
// - Passage 6: "... Russia President Vladimir(13) Putin(14) admitted that the Taliban(18) ..." and
//   "anti Taliban(65)": the Putin mention (at "Vladimir") is 5 words before the first Taliban.
// - Passage 11: "... the 201st Russian(12) military(13) base(14) ...": Russian is a mention of
//   russia.
// - Passage 27: "Emmanuel(34) Macron ... Emomali(39) Rahmon": 5 apart; passage 28: "Rahmon(3)
//   ... Macron's(24)": 21 apart.
// - Words starting with "tajik" (tajik, tajiks, tajikistan, tajikistani) stand in 30 passages.
#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/document.h"
#include "tests/e2e/views_fixture.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;
using nlohmann::json;

// The seed index, built once per test process (tests/e2e/views_fixture.h).
const std::string& seed() { return annosearch::test::views_seed_index(); }

json search(std::vector<std::string> args) {
  args.insert(args.begin(), {"search", "--index", seed(), "--format", "json"});
  const auto r = run_annosearch(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<int> passages(const json& result) {
  std::vector<int> out;
  for (const auto& h : result.at("hits")) out.push_back(h.at("passage").at("n").get<int>());
  std::sort(out.begin(), out.end());
  return out;
}

// The lower-cased words of gold passage n (1-based), split on anything not a letter or digit.
std::set<std::string> gold_words(int n) {
  std::ifstream in(source_path("corpus/documents/cabar-2021-12-tajikistan-taliban.json"));
  const json doc = json::parse(in);
  const std::string text = doc.at("text").get<std::string>();
  std::size_t start = 0;
  for (int i = 1; i < n; ++i) start = text.find('\n', start) + 1;
  const std::string line = text.substr(start, text.find('\n', start) - start);
  std::set<std::string> out;
  std::string w;
  for (const char c : line + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!w.empty()) {
      out.insert(w);
      w.clear();
    }
  }
  return out;
}

const char* const kQuestion = "why does Tajikistan refuse to engage with the Taliban";

}  // namespace

TEST_CASE("a question in plain words counts complete matches and ranks partial ones",
          "[e2e][query]") {
  const json r = search({kQuestion, "--level", "passage", "--limit", "8", "--facets", "actor"});
  CHECK(r.at("total") == 1);  // passage 2 alone has tajikistan, refuses, engage and taliban
  CHECK(r.at("query").at("match") == "auto");
  CHECK(r.at("query").at("required") == json::array({"Tajikistan", "refuse", "engage", "Taliban"}));
  CHECK(r.at("query").at("ignored") == json::array({"why", "does", "to", "with", "the"}));
  REQUIRE(r.at("hits").size() == 8);
  CHECK(r.at("hits").at(0).at("passage").at("n") == 2);
  CHECK(r.at("hits").at(0).at("partial") == false);
  CHECK(r.at("query").at("partial") == 7);
  // Facets count the complete match only: passage 2 has central-asia, tajikistan, taliban.
  std::size_t facet_total = 0;
  for (const auto& e : r.at("facets").at("actor")) facet_total += e.at("count").get<std::size_t>();
  CHECK(facet_total == 3);
  // Each partial hit lacks exactly the words its passage does not contain.
  const std::vector<std::pair<std::string, std::vector<std::string>>> forms{
      {"Tajikistan", {"tajikistan"}},
      {"refuse", {"refuse", "refuses", "refused"}},
      {"engage", {"engage", "engaged", "engages"}},
      {"Taliban", {"taliban"}}};
  for (std::size_t i = 1; i < r.at("hits").size(); ++i) {
    const json& h = r.at("hits").at(i);
    const int n = h.at("passage").at("n");
    INFO("passage " << n);
    CHECK(h.at("partial") == true);
    const auto words = gold_words(n);
    std::vector<std::string> expected;
    for (const auto& [clause, variants] : forms) {
      if (std::none_of(variants.begin(), variants.end(),
                       [&](const std::string& v) { return words.count(v) > 0; })) {
        expected.push_back(clause);
      }
    }
    CHECK(h.at("missing") == json(expected));
    CHECK(h.at("missing").size() < 4);
  }
}

TEST_CASE("match modes: --match all keeps complete matches, --match any counts any word",
          "[e2e][query]") {
  const json all = search({kQuestion, "--level", "passage", "--match", "all", "--facets", "none"});
  CHECK(all.at("total") == 1);
  CHECK(all.at("hits").size() == 1);
  CHECK(all.at("query").at("partial") == 0);
  const json any = search(
      {kQuestion, "--level", "passage", "--match", "any", "--limit", "100", "--facets", "none"});
  CHECK(any.at("total") == 42);
  CHECK(any.at("hits").size() == 42);
  CHECK(any.at("hits").at(0).at("passage").at("n") == 2);  // the only one with all four
  CHECK(any.at("hits").at(0).at("partial") == false);
}

TEST_CASE("no complete match is said in every format, with a hint in text", "[e2e][query]") {
  const std::string q = "Tajikistan refuse zebra";
  const json j = search({q, "--level", "passage", "--limit", "3"});
  CHECK(j.at("total") == 0);
  REQUIRE(j.at("hits").size() == 3);
  CHECK(j.at("hits").at(0).at("passage").at("n") == 2);  // the one with tajikistan and refuses
  CHECK(j.at("hits").at(0).at("missing") == json::array({"zebra"}));
  CHECK(j.at("query").at("partial") == 3);
  const json clauses = j.at("query").at("clauses");
  REQUIRE(clauses.size() == 3);
  CHECK(clauses.at(0) == json::parse(R"({"clause":"Tajikistan","alone":21,"without":0})"));
  CHECK(clauses.at(1) == json::parse(R"({"clause":"refuse","alone":1,"without":0})"));
  CHECK(clauses.at(2) == json::parse(R"({"clause":"zebra","alone":0,"without":1})"));

  auto r = run_annosearch({"search", "--index", seed(), "--level", "passage", q});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("0 passages for"));
  CHECK_THAT(r.out, Catch::Contains("No passage contains all of: Tajikistan (21) refuse (1) "
                                    "zebra (0)"));
  CHECK_THAT(r.out, Catch::Contains("Try: leave out zebra (1 passage)"));
  CHECK_THAT(r.out, Catch::Contains("check the spelling of zebra"));
  CHECK_THAT(r.out, Catch::Contains("missing: zebra"));

  r = run_annosearch(
      {"search", "--index", seed(), "--level", "passage", "--format", "csv", "--limit", "1", q});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::StartsWith(
                 "id,passage,title,date,source,url,score,actors,themes,text,partial,missing"));
  CHECK_THAT(r.out, Catch::EndsWith(",true,zebra\r\n"));
  CHECK_THAT(r.err, Catch::Contains("no passage contains every content word"));
  r = run_annosearch({"search", "--index", seed(), "--format", "jsonl", "--limit", "1", q});
  CHECK_THAT(r.err, Catch::Contains("no article contains every content word"));
  CHECK(json::parse(r.out).at("partial") == true);
}

TEST_CASE("function words alone, or with +, are required", "[e2e][query]") {
  const json only = search({"the of", "--level", "passage", "--facets", "none"});
  CHECK(only.at("query").at("required") == json::array({"the", "of"}));
  const json plus = search({"+the zebra", "--level", "passage", "--facets", "none"});
  CHECK(plus.at("query").at("required") == json::array({"+the", "zebra"}));
  CHECK(plus.at("query").at("ignored") == json::array());
}

TEST_CASE("a year typed as a word gets a note naming the date filters", "[e2e][query]") {
  const std::string note =
      "2021 is searched as a word in the text; date:2021 keeps what was published in 2021, "
      "when:2021 what mentions a date in 2021";
  const json r = search({"what did Tajikistan say about the Taliban in 2021", "--facets", "none"});
  CHECK(r.at("query").at("notes") == json::array({note}));
  CHECK(r.at("query").at("required") == json::array({"Tajikistan", "Taliban", "2021"}));
  // Not when a date filter is there already, nor for a number that cannot be a year, nor when
  // the word is required with +.
  for (const auto& args : std::vector<std::vector<std::string>>{{"Taliban 2021", "--from", "2021"},
                                                                {"Taliban 2021 date:2021"},
                                                                {"Taliban 2021 when:2021-12"},
                                                                {"Taliban 201st"},
                                                                {"Taliban 3021"},
                                                                {"Taliban +2021"}}) {
    auto with = args;
    with.insert(with.end(), {"--facets", "none"});
    INFO(args.front());
    CHECK_FALSE(search(with).at("query").contains("notes"));
  }
  const auto text = run_annosearch({"search", "--index", seed(), "--limit", "0", "Taliban 2021"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("\nnote: " + note + "\n"));
  // The views give it too.
  for (const auto& command : {"timeline", "cooccur"}) {
    std::vector<std::string> args{command, "--index", seed(), "--format", "json"};
    if (std::string(command) == "cooccur") args.emplace_back("Taliban");
    args.emplace_back("Tajikistan 2021");
    const auto v = run_annosearch(args);
    REQUIRE(v.exit_code == 0);
    CHECK(json::parse(v.out).at("notes") == json::array({note}));
  }
  // An export says it beside its count, since its rows carry no header a reader sees.
  const auto exported = run_annosearch({"export", "--index", seed(), "Taliban 2021"});
  CHECK(exported.exit_code == 0);
  CHECK_THAT(exported.err, Catch::Contains("annosearch: note: " + note + "\n"));
}

TEST_CASE("NEAR/n and ADJ/n work between words, phrases and actors", "[e2e][query]") {
  const auto total = [](const std::string& q) {
    const json r = search({q, "--level", "passage", "--limit", "100", "--facets", "none"});
    return std::make_pair(r.at("total").get<std::size_t>(), passages(r));
  };
  CHECK(total("actor:Putin NEAR/12 Taliban") == std::make_pair(std::size_t{1}, std::vector{6}));
  CHECK(total("actor:Putin NEAR/5 Taliban").first == 1);
  CHECK(total("actor:Putin NEAR/4 Taliban").first == 0);
  CHECK(total("Taliban NEAR/5 actor:Putin").first == 1);  // any order
  CHECK(total("actor:Putin ADJ/5 Taliban").first == 1);
  CHECK(total("Taliban ADJ/5 actor:Putin").first == 0);  // in order: Putin comes first
  CHECK(total("actor:Russia NEAR/5 \"military base\"") ==
        std::make_pair(std::size_t{1}, std::vector{11}));
  CHECK(total("actor:Rahmon NEAR/20 actor:Macron") ==
        std::make_pair(std::size_t{1}, std::vector{27}));
  CHECK(total("actor:Rahmon NEAR/21 actor:Macron") ==
        std::make_pair(std::size_t{2}, std::vector{27, 28}));
  // The same through the article level: the article has them.
  const json a = search({"actor:Putin NEAR/12 Taliban"});
  CHECK(a.at("total") == 1);
  CHECK(a.at("hits").at(0).at("passage").at("n") == 6);
}

TEST_CASE("phrases with slop and prefixes", "[e2e][query]") {
  const auto total = [](const std::string& q) {
    const json r = search({q, "--level", "passage", "--limit", "100", "--facets", "none"});
    return r.at("total").get<std::size_t>();
  };
  CHECK(total("\"Russian base\"") == 0);
  CHECK(total("\"Russian base\"~1") == 1);  // russian military base
  CHECK(total("\"base Russian\"~3") == 0);  // in order
  CHECK(total("Tajik*") == 30);
  const json r = search({"Tajik*", "--level", "passage", "--limit", "1", "--facets", "none"});
  CHECK_THAT(r.at("hits").at(0).at("passage").at("highlighted").get<std::string>(),
             Catch::Contains("[Tajikistan]"));
  // The expansion bound.
  const auto e = run_annosearch(
      {"search", "--index", seed(), "--max-expansion", "3", "Tajik*", "--format", "json"});
  CHECK(e.exit_code == 2);
  CHECK_THAT(e.err, Catch::Contains("query error at character 1: Tajik* matches more than 3 "
                                    "indexed words"));
}

TEST_CASE("constructs the grammar does not know are refused with their position", "[e2e][query]") {
  const std::string long_word(300, 'x');
  const std::vector<std::pair<std::string, std::string>> cases{
      {"-", "query error at character 1: - needs a term right after it"},
      {"refugees -", "query error at character 10: - needs a term right after it"},
      {"refugees " + long_word,
       "query error at character 10: the word \"xxxxxxxxxxxxxxxxxxxx...\" "
       "is 300 bytes long"},
      {"Taliban NEAR/0 Putin", "query error at character 9: NEAR/n needs a whole number"},
      {"Taliban NEAR/x Putin", "NEAR/n needs a whole number"},
      {"Taliban NEAR/5", "query error at character 9: NEAR/5 needs a term on each side"},
      {"(a b) NEAR/5 c", "query error at character 1: NEAR/5 joins words"},
      {"a NEAR/5 b ADJ/5 c", "one operator and one distance"},
      {"Ta*jik", "query error at character 3: * works only at the end of a word"},
      {"\"a b\"~x", "query error at character 6: ~ after a phrase needs a whole number"},
      {"a ~5", "query error at character 3: ~n works only right after a quoted phrase"},
      {"a && b", "\"&&\" is not an operator here"},
      {"actor:Taj*", "* does not work in field values"},
  };
  for (const auto& [query, message] : cases) {
    INFO(query);
    const auto r = run_annosearch({"search", "--index", seed(), "--", query});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}
