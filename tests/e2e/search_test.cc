// `annosearch search` and `annosearch facets` end to end on the seed corpus: the issue's
// acceptance checks, the output formats, exit codes, and a search racing a republish.
//
// Expected passage numbers come from the gold file (corpus/documents/...json): the Putin mention
// is in passage 6; the humanitarian themes (refugees, famine) are on passages 30 and 43; the
// dates of November 2021 (2021-11-28, 2021-11-20) stand in passages 6 and 30.
#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
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
const std::string& seed_index() { return annosearch::test::views_seed_index(); }

json run_json(std::vector<std::string> args) {
  args.insert(args.begin() + 1, {"--index", seed_index(), "--format", "json"});
  const auto r = run_annosearch(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<int> passage_numbers(const json& result) {
  std::vector<int> out;
  for (const auto& h : result.at("hits")) out.push_back(h.at("passage").at("n").get<int>());
  std::sort(out.begin(), out.end());
  return out;
}

// The gold document's passages per entity (shared with the views' tests).
using annosearch::test::seed_gold_actor_passages;

}  // namespace

TEST_CASE("search --actor Putin at passage level finds the one paragraph", "[e2e][search]") {
  const json r = run_json({"search", "--actor", "Putin", "--level", "passage"});
  CHECK(r.at("total") == 1);
  CHECK(r.at("exact") == true);
  CHECK(r.at("level") == "passage");
  REQUIRE(r.at("hits").size() == 1);
  const json& hit = r.at("hits").at(0);
  CHECK(hit.at("id") == "cabar-2021-12-tajikistan-taliban");
  CHECK(hit.at("date") == "2021-12");
  CHECK(hit.at("source") == "CABAR.asia");
  CHECK(hit.at("score") == 0.0);
  CHECK(hit.at("passage").at("n") == 6);
  const std::string highlighted = hit.at("passage").at("highlighted");
  CHECK_THAT(highlighted, Catch::Contains("President [Vladimir Putin] admitted"));
  CHECK(r.at("query").at("filters").at("actor") == json::array({"vladimir-putin"}));
  CHECK(r.at("query").at("resolved") ==
        json::parse(R"([{"input":"Putin","id":"vladimir-putin","via":"alias"}])"));
  CHECK(hit.at("why").at("actor").at("vladimir-putin").at("via") == "alias");
}

TEST_CASE("Rakhmon and Rahmon and Emomali Rahmon give the same results", "[e2e][search]") {
  std::vector<json> results;
  for (const std::string input :
       {"Rakhmon", "Rahmon", "Emomali Rahmon", "emomali-rahmon", "Рахмон"}) {
    INFO(input);
    json r = run_json({"search", "--actor", input, "--level", "passage", "--limit", "100"});
    CHECK(r.at("query").at("resolved").at(0).at("id") == "emomali-rahmon");
    // Same hits, totals and facets; only the echo of the input (and the why) differ.
    r.erase("query");
    for (auto& h : r.at("hits")) h.erase("why");
    results.push_back(r);
  }
  const auto gold = seed_gold_actor_passages().at("emomali-rahmon");
  CHECK(results[0].at("total") == gold.size());
  CHECK(passage_numbers(results[0]) == std::vector<int>(gold.begin(), gold.end()));
  for (const auto& r : results) CHECK(r == results[0]);
}

TEST_CASE("search --theme humanitarian finds the refugees and famine paragraphs", "[e2e][search]") {
  const json r = run_json({"search", "--theme", "humanitarian", "--level", "passage"});
  CHECK(r.at("total") == 2);
  CHECK(passage_numbers(r) == std::vector<int>{30, 43});
  std::set<std::string> themes;
  for (const auto& h : r.at("hits")) {
    for (const auto& t : h.at("themes")) themes.insert(t.at("id").get<std::string>());
  }
  CHECK(themes.count("refugees") == 1);
  CHECK(themes.count("famine") == 1);
}

TEST_CASE("search --when 2021-11 finds the paragraphs that mention November days",
          "[e2e][search]") {
  const json r = run_json({"search", "--when", "2021-11", "--level", "passage"});
  CHECK(r.at("total") == 2);
  CHECK(passage_numbers(r) == std::vector<int>{6, 30});
  CHECK(r.at("query").at("filters").at("when") == "2021-11");
  // The same through the query language.
  const json q = run_json({"search", "when:2021-11", "--level", "passage"});
  CHECK(passage_numbers(q) == std::vector<int>{6, 30});
}

TEST_CASE("the passage-level actor facet counts each paragraph once per actor", "[e2e][search]") {
  const json r =
      run_json({"facets", "--level", "passage", "--facets", "actor", "--facet-size", "0"});
  CHECK(r.at("exact") == true);
  CHECK_FALSE(r.contains("hits"));
  const auto gold = seed_gold_actor_passages();
  REQUIRE(gold.at("taliban").size() == 35);  // lines of the gold text with a Taliban mention
  std::map<std::string, std::size_t> counted;
  for (const auto& e : r.at("facets").at("actor")) {
    counted[e.at("id").get<std::string>()] = e.at("count").get<std::size_t>();
  }
  CHECK(counted.size() == gold.size());
  for (const auto& [id, passages] : gold) {
    INFO(id);
    CHECK(counted[id] == passages.size());
  }
  // Sorted by count, then id.
  const auto& entries = r.at("facets").at("actor");
  CHECK(entries.at(0).at("id") == "taliban");
  CHECK(entries.at(0).at("name") == "Taliban");
  CHECK(entries.at(0).at("type") == "ORG");
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const auto& a = entries.at(i - 1);
    const auto& b = entries.at(i);
    CHECK((a.at("count") > b.at("count") ||
           (a.at("count") == b.at("count") && a.at("id") < b.at("id"))));
  }
}

TEST_CASE("article-level search shows the best passage with the query words marked",
          "[e2e][search]") {
  const json r = run_json({"search", "refugees"});
  CHECK(r.at("level") == "article");
  CHECK(r.at("total") == 1);
  const json& hit = r.at("hits").at(0);
  CHECK(hit.at("passage").at("n") == 30);
  CHECK(hit.at("score").get<double>() > 0);
  CHECK_THAT(hit.at("passage").at("highlighted").get<std::string>(),
             Catch::Contains("some 14,000 [refugees] from Afghanistan"));
  CHECK(hit.at("why").at("terms") == json::array({"refuge"}));
  // The date facet counts the article once, in its month.
  CHECK(r.at("facets").at("date") == json::parse(R"([{"value":"2021-12","count":1}])"));
}

TEST_CASE("unknown and ambiguous actors are errors with candidates", "[e2e][search]") {
  auto r = run_annosearch({"search", "--index", seed_index(), "--actor", "Rahmonov"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "annosearch: unknown actor \"Rahmonov\": no entity id, name, alias or transliteration "
        "matches; close: emomali-rahmon (PERSON, Emomali Rahmon); use one of these ids, or see "
        "`annosearch entities Rahmonov`\n");
  r = run_annosearch({"search", "--index", seed_index(), "--actor", "Afghan"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "annosearch: \"Afghan\" is ambiguous: afghanistan (GPE, alias Afghan), afghans (NORP, "
        "alias Afghan); use an id\n");
  r = run_annosearch({"facets", "--index", seed_index(), "actor:Nobody"});
  CHECK(r.exit_code == 2);
  // A field in the query text: the error names where it stands, as the parser's errors do.
  r = run_annosearch({"search", "--index", seed_index(), "refugees actor:Rahmonov"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("annosearch: query error at character 10: unknown actor "
                                      "\"Rahmonov\": "));
  r = run_annosearch({"search", "--index", seed_index(), "refugees OR theme:sports"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("annosearch: query error at character 13: unknown theme "
                                      "\"sports\""));
  r = run_annosearch({"search", "--index", seed_index(), "--theme", "sports"});
  CHECK(r.exit_code == 2);
  r = run_annosearch({"search", "--index", seed_index(), "\"unbalanced"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("a missing index is exit code 3", "[e2e][search]") {
  TempDir tmp;
  const auto r = run_annosearch({"search", "--index", tmp.str("nothing-here"), "refugees"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::StartsWith("annosearch: no index at "));
}

TEST_CASE("search writes jsonl and csv and text", "[e2e][search]") {
  const std::vector<std::string> base{"search",  "--index", seed_index(), "--level",
                                      "passage", "--actor", "Rahmon"};
  auto args = base;
  args.insert(args.end(), {"--format", "jsonl"});
  auto r = run_annosearch(args);
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<int> ns;
  while (std::getline(lines, line)) ns.push_back(json::parse(line).at("passage").at("n"));
  CHECK(ns == std::vector<int>{1, 19, 27, 28});

  args = base;
  args.insert(args.end(), {"--format", "csv", "--limit", "1"});
  r = run_annosearch(args);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("id,passage,title,date,source,url,score,actors,themes,text,partial,missing\r\n",
                    0) == 0);
  CHECK_THAT(r.out, Catch::Contains("\r\ncabar-2021-12-tajikistan-taliban,1,"));

  args = base;
  args.insert(args.end(), {"--limit", "1"});
  r = run_annosearch(args);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("4 passages for actor emomali-rahmon (\"Rahmon\" by alias)"));
  CHECK_THAT(r.out, Catch::Contains("President [Emomali Rahmon]’s anti-Taliban"));
  CHECK_THAT(r.out, Catch::Contains("\nActors (passages)\n  4  Emomali Rahmon  "));
}

TEST_CASE("sort by date and paging on the seed", "[e2e][search]") {
  const json r = run_json({"search", "--level", "passage", "--sort", "-date", "--limit", "2",
                           "--offset", "3", "--actor", "taliban", "--facets", "none"});
  CHECK(r.at("total") == 35);
  CHECK(r.at("facets") == json::object());
  // One document: date ties go by id, then passage number.
  CHECK(passage_numbers(r) == std::vector<int>{5, 6});
}

TEST_CASE("searches running while build republishes never fail", "[e2e][search][concurrency]") {
  TempDir tmp;
  const std::string index = tmp.str("index");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, source_path("corpus")}).exit_code ==
          0);
  std::atomic<bool> done{false};
  std::vector<int> build_codes;
  std::thread builder([&] {
    for (int i = 0; i < 4; ++i) {
      build_codes.push_back(
          run_annosearch({"build", "--quiet", "--index", index, source_path("corpus")}).exit_code);
    }
    done = true;
  });
  std::vector<std::string> failures;
  int searches = 0;
  while (!done || searches < 5) {
    const auto r = run_annosearch(
        {"search", "--index", index, "--level", "passage", "--actor", "Putin", "--format", "json"});
    ++searches;
    if (r.exit_code != 0) {
      failures.push_back(r.err);
      continue;
    }
    const json j = json::parse(r.out);
    if (j.at("total") != 1 || j.at("hits").at(0).at("passage").at("n") != 6) {
      failures.push_back(r.out);
    }
  }
  builder.join();
  CHECK(build_codes == std::vector<int>{0, 0, 0, 0});
  INFO(searches << " searches");
  CHECK(failures.empty());
  for (const auto& f : failures) UNSCOPED_INFO(f);
}
