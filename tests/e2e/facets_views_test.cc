// The facet table's new facets and options end to end: missing counts, zero-filled date buckets,
// --normalize, multi-select (--actor-any, --theme-any), --min-mentions / --mentioned and the
// document-level count, --facet-prefix. Expected values come from the seed's gold file (counted
// here with nlohmann::json) and from tests/scripts/reuters_facets.py over the SGML.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/document.h"
#include "tests/e2e/views_fixture.h"
#include "tests/support/run.h"

namespace {

using annosearch::test::parse_csv_with_python;
using annosearch::test::parse_jsonl;
using annosearch::test::run_annosearch;
using annosearch::test::run_program;
using annosearch::test::seed_gold;
using annosearch::test::seed_gold_actor_passages;
using annosearch::test::seed_gold_mentions_per_passage;
using annosearch::test::source_path;
using annosearch::test::views_reuters_index;
using annosearch::test::views_reuters_sgml_dir;
using annosearch::test::views_seed_index;
using nlohmann::json;

json facets_json(const std::string& index, std::vector<std::string> args) {
  args.insert(args.begin(), {"facets", "--index", index, "--format", "json", "--facet-size", "0"});
  const auto r = run_annosearch(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::map<std::string, long> counts_of(const json& entries, const std::string& key = "id") {
  std::map<std::string, long> out;
  for (const auto& e : entries) out[e.at(key).get<std::string>()] = e.at("count").get<long>();
  return out;
}

std::set<int> unite(const std::set<int>& a, const std::set<int>& b) {
  std::set<int> out = a;
  out.insert(b.begin(), b.end());
  return out;
}

std::size_t both(const std::set<int>& a, const std::set<int>& b) {
  std::size_t n = 0;
  for (const int x : a) n += b.count(x);
  return n;
}

// Passages with words in the gold text (the passage units of the index).
std::set<int> gold_nonempty_passages() {
  const auto passages = annosearch::split_passages(seed_gold().at("text").get<std::string>());
  std::set<int> out;
  for (const auto& p : passages) {
    if (p.span.end > p.span.start) out.insert(p.n);
  }
  return out;
}

}  // namespace

TEST_CASE("multi-select: --actor-any ORs, the actor facet counts as if it were absent",
          "[e2e][views][facets]") {
  const auto gold = seed_gold_actor_passages();
  const json r =
      facets_json(views_seed_index(), {"--level", "passage", "--actor-any", "Russia", "--actor-any",
                                       "China", "--facets", "actor,type"});
  const std::set<int> selected = unite(gold.at("russia"), gold.at("china"));
  CHECK(r.at("total") == selected.size());
  // The actor facet ignores its own selection: every passage counts.
  const auto actors = counts_of(r.at("facets").at("actor"));
  for (const auto& [id, passages] : gold) {
    INFO(id);
    CHECK(actors.at(id) == static_cast<long>(passages.size()));
  }
  // The type facet obeys it: GPE passages among the selection (Russia is a GPE: all of them).
  CHECK(counts_of(r.at("facets").at("type"), "value").at("GPE") ==
        static_cast<long>(selected.size()));
  CHECK(r.at("query").at("filters").at("actor_any") == json::array({"russia", "china"}));
}

TEST_CASE("multi-select: each hit says which of the --actor-any actors it has",
          "[e2e][views][search]") {
  const auto gold = seed_gold_actor_passages();
  const auto r = run_annosearch({"search", "--index", views_seed_index(), "--level", "passage",
                                 "--actor-any", "Russia", "--actor-any", "china", "--limit", "all",
                                 "--facets", "none", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  REQUIRE(j.at("hits").size() == unite(gold.at("russia"), gold.at("china")).size());
  for (const auto& hit : j.at("hits")) {
    const int n = hit.at("passage").at("n");
    INFO(n);
    std::set<std::string> expected;
    for (const std::string id : {"russia", "china"}) {
      if (gold.at(id).count(n) != 0) expected.insert(id);
    }
    std::set<std::string> why;
    for (const auto& [id, how] : hit.at("why").at("actor").items()) {
      why.insert(id);
      CHECK(how.at("via") == (id == "russia" ? "name" : "id"));
    }
    CHECK(why == expected);
  }
  // The text header names the selection and how each name was resolved.
  const auto text =
      run_annosearch({"search", "--index", views_seed_index(), "--level", "passage", "--actor-any",
                      "Russia", "--actor-any", "china", "--limit", "0", "--facets", "none"});
  CHECK(text.out.find(" for any of actors russia (\"Russia\" by name), china\n") !=
        std::string::npos);
}

TEST_CASE("salience: --min-mentions and --mentioned count mentions, not document-level annotations",
          "[e2e][views][facets]") {
  const auto gold = seed_gold_actor_passages();
  const auto mentions = seed_gold_mentions_per_passage();
  // Taliban mentioned at least twice in a passage.
  long twice = 0;
  for (const auto& [passage, n] : mentions.at("taliban")) twice += n >= 2 ? 1 : 0;
  REQUIRE(twice > 0);
  json r = facets_json(views_seed_index(),
                       {"--level", "passage", "--actor", "taliban", "--min-mentions", "2"});
  CHECK(r.at("total") == twice);
  CHECK(r.at("query").at("filters").at("min_mentions") == 2);

  // The seed's actors are all mentioned (the gold file has no document-level annotation).
  r = facets_json(views_seed_index(), {"--level", "passage", "--actor", "taliban"});
  for (const auto& e : r.at("facets").at("actor")) {
    const std::string id = e.at("id");
    INFO(id);
    CHECK(e.at("count") == both(gold.at(id), gold.at("taliban")));
    CHECK(e.at("document_level") == 0);
  }
  // --mentioned changes nothing there.
  const json mentioned =
      facets_json(views_seed_index(), {"--level", "passage", "--actor", "taliban", "--mentioned"});
  CHECK(mentioned.at("facets").at("actor") == r.at("facets").at("actor"));
}

TEST_CASE("Reuters' document-level actors: counted per passage, said so, left out by --mentioned",
          "[e2e][views][facets]") {
  const std::string index = views_reuters_index();
  const auto py = run_program({"/usr/bin/python3", source_path("tests/scripts/reuters_facets.py"),
                               views_reuters_sgml_dir(), "--actor", "opec"});
  REQUIRE(py.exit_code == 0);
  const json expected = json::parse(py.out);
  // Articles: as the SGML says.
  json r = facets_json(index, {"--actor", "opec"});
  CHECK(r.at("total") == expected.at("selected"));
  std::map<std::string, long> want;
  for (const auto& [code, n] : expected.at("actor").items()) want[code] = n.get<long>();
  CHECK(counts_of(r.at("facets").at("actor")) == want);
  // Passages: Reuters annotates whole articles, so every actor of every passage comes from a
  // document-level annotation, and the output says so for each.
  r = facets_json(index, {"--actor", "opec", "--level", "passage"});
  REQUIRE(r.at("total").get<long>() > expected.at("selected").get<long>());
  for (const auto& e : r.at("facets").at("actor")) CHECK(e.at("document_level") == e.at("count"));
  const auto text = run_annosearch(
      {"facets", "--index", index, "--actor", "opec", "--level", "passage", "--facets", "actor"});
  CHECK_THAT(text.out, Catch::Contains(" by a document-level annotation)"));
  // --mentioned: no passage mentions OPEC.
  r = facets_json(index, {"--actor", "opec", "--level", "passage", "--mentioned"});
  CHECK(r.at("total") == 0);
  CHECK(r.at("facets").at("actor").empty());
}

TEST_CASE("the when facet zero-fills months and reports passages without a date",
          "[e2e][views][facets]") {
  // By the gold file: the passages holding a date of month precision or finer, per month.
  const json doc = seed_gold();
  const auto passages = annosearch::split_passages(doc.at("text").get<std::string>());
  std::map<std::string, std::set<int>> by_month;
  std::set<int> dated;
  for (const auto& d : doc.at("dates")) {
    const std::string v = d.at("value");
    const std::string first = v.substr(0, 7);
    const std::string last =
        v.find("..") == std::string::npos ? first : v.substr(v.find("..") + 2, 7);
    if (v.size() < 7 || first != last) continue;  // a year, or a range over months
    for (const auto& p : passages) {
      if (d.at("start") >= p.span.start && d.at("start") < p.span.end) {
        by_month[first].insert(p.n);
        dated.insert(p.n);
      }
    }
  }
  REQUIRE(by_month.size() >= 2);
  const json r = facets_json(views_seed_index(), {"--level", "passage", "--facets", "when"});
  const json& entries = r.at("facets").at("when");
  // Every month from the first to the last, the empty ones with 0.
  const std::string first = by_month.begin()->first;
  const std::string last = by_month.rbegin()->first;
  REQUIRE(entries.size() >= by_month.size());
  CHECK(entries.front().at("value") == first);
  CHECK(entries.back().at("value") == last);
  int y = std::stoi(first.substr(0, 4));
  int m = std::stoi(first.substr(5, 2));
  for (const auto& e : entries) {
    char key[8];
    std::snprintf(key, sizeof key, "%04d-%02d", y, m);
    CHECK(e.at("value") == key);
    const auto it = by_month.find(key);
    CHECK(e.at("count") == (it == by_month.end() ? 0 : it->second.size()));
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  CHECK(r.at("facet_missing").at("when") == gold_nonempty_passages().size() - dated.size());
}

TEST_CASE("Reuters: theme missing, months normalised, --facet-prefix, in json, jsonl and csv",
          "[e2e][views][facets]") {
  const std::string index = views_reuters_index();
  const auto count = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{"/usr/bin/python3",
                                  source_path("tests/scripts/reuters_facets.py"),
                                  views_reuters_sgml_dir()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_program(argv);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  };
  const json all = count({});
  json r = facets_json(index, {"--facets", "theme,date,source,language"});
  CHECK(r.at("facet_missing").at("theme") == all.at("theme_missing"));
  CHECK(r.at("facets").at("source").at(0).at("value") == "reuters");
  CHECK(r.at("facets").at("source").at(0).at("count") == all.at("selected"));
  CHECK(r.at("facets").at("language").at(0).at("value") == "en");

  const json crude = count({"--theme", "crude"});
  r = facets_json(index, {"--theme", "crude", "--facets", "date", "--normalize"});
  REQUIRE(r.at("facets").at("date").size() == crude.at("month").size());
  for (const auto& e : r.at("facets").at("date")) {
    const std::string month = e.at("value");
    INFO(month);
    CHECK(e.at("count") == crude.at("month").at(month));
    CHECK(e.at("bucket_total") == all.at("month_all").at(month));
    CHECK(e.at("share").get<double>() == Approx(crude.at("month").at(month).get<double>() /
                                                all.at("month_all").at(month).get<double>())
                                             .margin(0.0001));
  }

  // --facet-prefix: the actors starting with "sa" among crude articles.
  r = facets_json(index, {"--theme", "crude", "--facet-prefix", "actor=sa"});
  std::map<std::string, long> expected;
  for (const auto& [code, n] : crude.at("actor").items()) {
    if (code.rfind("sa", 0) == 0) expected[code] = n.get<long>();
  }
  REQUIRE(!expected.empty());
  CHECK(counts_of(r.at("facets").at("actor")) == expected);

  // The missing count in JSON Lines and CSV too.
  auto out = run_annosearch({"facets", "--index", index, "--facets", "theme", "--format", "jsonl"});
  REQUIRE(out.exit_code == 0);
  const auto lines = parse_jsonl(out.out);
  CHECK(lines.back() == json{{"facet", "theme"}, {"missing", all.at("theme_missing")}});
  out = run_annosearch({"facets", "--index", index, "--facets", "theme", "--format", "csv"});
  REQUIRE(out.exit_code == 0);
  const json csv = parse_csv_with_python(out.out);
  const json& last = csv.at("rows").back();
  CHECK(last.at("value") == "");
  CHECK(last.at("label") == "(no value)");
  CHECK(last.at("count") == std::to_string(all.at("theme_missing").get<long>()));
}
