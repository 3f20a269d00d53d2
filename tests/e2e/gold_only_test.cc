// --gold-only: searches, facets and views keep to gold annotations (source not "auto"). A
// three-document corpus with gold, editors' (reuters) and no annotations is built with the
// annotator on; every expected count below was worked out by hand from the texts.
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::TempDir;
using nlohmann::json;

const char* const kRegistry =
    R"({"id":"tajikistan","name":"Tajikistan","type":"GPE","aliases":[]}
{"id":"taliban","name":"Taliban","type":"ORG","aliases":[]}
{"id":"russia","name":"Russia","type":"GPE","aliases":[]}
)";

const char* const kThemes = R"({"themes":[
{"id":"security","label":"Security","description":"d","keywords":["threat*"]},
{"id":"border-security","label":"Border security","parent":"security","description":"d"}]})";

// g1: gold Taliban (passage 1, 4..11), gold theme border-security on passage 1, gold date
//     "10 December 2021" (passage 2, 58..74). The annotator adds Tajikistan (passage 1, 29..39,
//     auto) and "12 December 2021" (passage 2, 88..104, auto); no theme (g1 has one).
// a1: nothing given. The annotator adds Russia (0..6), Taliban (35..42), theme security
//     (keyword "threat") and no date.
// r1: the editors' document-level label russia (source reuters), nothing the annotator finds.
const char* const kDocs =
    R"({"id":"g1","date":"2021-12","text":"The Taliban met officials of Tajikistan.\nTalks resumed on 10 December 2021 and again on 12 December 2021.","entities":[{"id":"taliban","mentions":[{"start":4,"end":11}],"source":"gold"}],"themes":[{"id":"border-security","passages":[1],"source":"gold"}],"dates":[{"start":58,"end":74,"value":"2021-12-10"}]})"
    "\n"
    R"({"id":"a1","date":"2021-12","text":"Russia warned of a threat from the Taliban."})"
    "\n"
    R"({"id":"r1","date":"1987-03","text":"Markets were calm.","entities":[{"id":"russia","source":"reuters"}]})"
    "\n";

struct Fixture {
  TempDir tmp;
  std::string index;
  Fixture() {
    tmp.write("corpus/entities.jsonl", kRegistry);
    tmp.write("corpus/themes.json", kThemes);
    tmp.write("corpus/docs/docs.jsonl", kDocs);
    index = tmp.str("idx");
    const auto b = run_annosearch({"build", tmp.str("corpus"), "--index", index, "-q"});
    INFO(b.err);
    REQUIRE(b.exit_code == 0);
  }
  json run(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--index", index});
    args.emplace_back("--format");
    args.emplace_back("json");
    const auto r = run_annosearch(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  std::size_t total(std::vector<std::string> args) const {
    args.insert(args.begin(), "search");
    return run(args).at("total").get<std::size_t>();
  }
};

// The ids of hits, sorted.
std::set<std::string> hit_ids(const json& r) {
  std::set<std::string> out;
  for (const auto& h : r.at("hits")) out.insert(h.at("id").get<std::string>());
  return out;
}

// facet name -> value -> count.
std::map<std::string, std::size_t> facet(const json& r, const std::string& name) {
  std::map<std::string, std::size_t> out;
  for (const auto& e : r.at("facets").at(name)) {
    const std::string key = e.contains("id") ? e.at("id") : e.at("value");
    out[key] = e.at("count").get<std::size_t>();
  }
  return out;
}

}  // namespace

TEST_CASE("gold-only: filters keep to gold annotations", "[e2e][gold-only]") {
  const Fixture f;
  // Actor filters: all annotations, then gold only.
  CHECK(f.total({"--actor", "taliban"}) == 2);  // g1 (gold), a1 (auto)
  CHECK(f.total({"--actor", "taliban", "--gold-only"}) == 1);
  CHECK(hit_ids(f.run({"search", "--actor", "taliban", "--gold-only"})) ==
        std::set<std::string>{"g1"});
  CHECK(f.total({"--actor", "russia"}) == 2);  // a1 (auto), r1 (reuters: gold)
  CHECK(hit_ids(f.run({"search", "--actor", "russia", "--gold-only"})) ==
        std::set<std::string>{"r1"});
  CHECK(f.total({"--actor", "tajikistan"}) == 1);
  CHECK(f.total({"--actor", "tajikistan", "--gold-only"}) == 0);
  // The same through the query language and multi-select.
  CHECK(f.total({"actor:taliban", "--gold-only"}) == 1);
  CHECK(f.total({"--actor-any", "tajikistan", "--actor-any", "russia", "--gold-only"}) == 1);
  // Themes: security is g1's by its gold child border-security, a1's automatically.
  CHECK(f.total({"--theme", "security"}) == 2);
  CHECK(hit_ids(f.run({"search", "--theme", "security", "--gold-only"})) ==
        std::set<std::string>{"g1"});
  // Dates mentioned: 2021-12-10 is gold, 2021-12-12 automatic.
  CHECK(f.total({"--when", "2021-12-12"}) == 1);
  CHECK(f.total({"--when", "2021-12-12", "--gold-only"}) == 0);
  CHECK(f.total({"--when", "2021-12-10", "--gold-only"}) == 1);
  // Passages: Taliban's gold mention is in g1#1 only; a1#1's is automatic.
  CHECK(f.total({"--actor", "taliban", "--level", "passage"}) == 2);
  CHECK(f.total({"--actor", "taliban", "--level", "passage", "--gold-only"}) == 1);
  // Salience: russia's only mention is automatic (a1); r1 carries it as a document label.
  CHECK(f.total({"--actor", "russia", "--mentioned"}) == 1);
  CHECK(f.total({"--actor", "russia", "--mentioned", "--gold-only"}) == 0);
  // Mentions in proximity: Tajikistan's mention is automatic.
  CHECK(f.total({"actor:tajikistan", "NEAR/3", "officials"}) == 1);
  CHECK(f.total({"actor:tajikistan", "NEAR/3", "officials", "--gold-only"}) == 0);
  // The echo says so.
  CHECK(f.run({"search", "--gold-only"}).at("query").at("filters").at("gold_only") == true);
  CHECK_FALSE(f.run({"search"}).at("query").at("filters").contains("gold_only"));
}

TEST_CASE("gold-only: facets count gold annotations only", "[e2e][gold-only]") {
  const Fixture f;
  const json all = f.run({"facets", "--facets", "actor,theme,when,type", "--date-buckets", "day"});
  CHECK(facet(all, "actor") ==
        std::map<std::string, std::size_t>{{"russia", 2}, {"taliban", 2}, {"tajikistan", 1}});
  CHECK(facet(all, "theme") ==
        std::map<std::string, std::size_t>{{"security", 2}, {"border-security", 1}});
  CHECK(facet(all, "when") == std::map<std::string, std::size_t>{
                                  {"2021-12-10", 1}, {"2021-12-11", 0}, {"2021-12-12", 1}});
  CHECK(facet(all, "type") == std::map<std::string, std::size_t>{{"GPE", 3}, {"ORG", 2}});

  const json gold = f.run(
      {"facets", "--facets", "actor,theme,when,type", "--date-buckets", "day", "--gold-only"});
  CHECK(facet(gold, "actor") == std::map<std::string, std::size_t>{{"russia", 1}, {"taliban", 1}});
  CHECK(facet(gold, "theme") ==
        std::map<std::string, std::size_t>{{"security", 1}, {"border-security", 1}});
  CHECK(facet(gold, "when") == std::map<std::string, std::size_t>{{"2021-12-10", 1}});
  CHECK(facet(gold, "type") == std::map<std::string, std::size_t>{{"GPE", 1}, {"ORG", 1}});
  // Passage level, mentioned only: Taliban's one gold mention (g1#1).
  const json mentioned =
      f.run({"facets", "--facets", "actor", "--level", "passage", "--mentioned", "--gold-only"});
  CHECK(facet(mentioned, "actor") == std::map<std::string, std::size_t>{{"taliban", 1}});
}

TEST_CASE("gold-only: hits and views show gold annotations only", "[e2e][gold-only]") {
  const Fixture f;
  // The hit's actors: g1 has taliban (gold) and tajikistan (auto).
  const auto actors_of = [](const json& hit) {
    std::set<std::string> out;
    for (const auto& a : hit.at("actors")) out.insert(a.at("id").get<std::string>());
    return out;
  };
  const json all = f.run({"search", "--actor", "taliban", "--level", "passage"});
  const json gold = f.run({"search", "--actor", "taliban", "--level", "passage", "--gold-only"});
  REQUIRE(gold.at("hits").size() == 1);
  CHECK(actors_of(gold.at("hits")[0]) == std::set<std::string>{"taliban"});
  bool saw_g1 = false;
  for (const auto& h : all.at("hits")) {
    if (h.at("id") == "g1") {
      saw_g1 = true;
      CHECK(actors_of(h) == std::set<std::string>{"taliban", "tajikistan"});
    }
  }
  CHECK(saw_g1);
  // kwic of Taliban: two mentions in all, one gold.
  CHECK(f.run({"kwic", "taliban"}).at("lines").size() == 2);
  CHECK(f.run({"kwic", "taliban", "--gold-only"}).at("lines").size() == 1);
  // cooccur: Taliban's passage partners are Tajikistan (g1#1) and Russia (a1#1), all automatic.
  CHECK(f.run({"cooccur", "taliban"}).at("partners").size() == 2);
  CHECK(f.run({"cooccur", "taliban", "--gold-only"}).at("partners").empty());
}
