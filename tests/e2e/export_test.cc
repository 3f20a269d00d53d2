// No silent cut: `search --limit all`, the stderr line when --limit cuts, the search CSV's actors,
// themes and url columns, paging bounds, and `export` (every match, every annotation, a header to
// cite it). Expected values come from the gold file of the seed and from
// tests/scripts/reuters_counts.py; CSV is read with Python's csv module
// (tests/scripts/csv_rows.py).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "tests/e2e/views_fixture.h"
#include "tests/support/run.h"

namespace {

using annosearch::test::parse_csv_with_python;
using annosearch::test::parse_jsonl;
using annosearch::test::run_annosearch;
using annosearch::test::run_program;
using annosearch::test::source_path;
using annosearch::test::views_reuters_index;
using annosearch::test::views_reuters_sgml_dir;
using annosearch::test::views_seed_index;
using nlohmann::json;

std::string seed_gold_url() { return annosearch::test::seed_gold().at("url").get<std::string>(); }

}  // namespace

TEST_CASE("search --limit cuts say on stderr how many were left out", "[e2e][views][limit]") {
  const auto taliban = annosearch::test::seed_gold_actor_passages().at("taliban");
  const std::size_t total = taliban.size();  // 35 by the gold file
  REQUIRE(total > 5);
  for (const std::string format : {"csv", "jsonl", "json", "text"}) {
    INFO(format);
    const auto r = run_annosearch({"search", "--index", views_seed_index(), "--level", "passage",
                                   "--actor", "taliban", "--limit", "5", "--format", format});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err == "annosearch: 5 of " + std::to_string(total) + " passages written; " +
                       std::to_string(total - 5) +
                       " left out by --limit 5 (--offset 5 for the next page, --limit all or "
                       "`annosearch export` for every match)\n");
  }
  // The last page: nothing left out after it, the skipped ones named.
  const auto last =
      run_annosearch({"search", "--index", views_seed_index(), "--level", "passage", "--actor",
                      "taliban", "--offset", std::to_string(total - 2), "--format", "jsonl"});
  REQUIRE(last.exit_code == 0);
  CHECK(parse_jsonl(last.out).size() == 2);
  CHECK(last.err == "annosearch: 2 of " + std::to_string(total) + " passages written; " +
                        std::to_string(total - 2) + " skipped by --offset " +
                        std::to_string(total - 2) + "\n");
  // --limit 0 asks for the counts alone: no "left out" note, and the text says so.
  const auto counts = run_annosearch({"search", "--index", views_seed_index(), "--level", "passage",
                                      "--actor", "taliban", "--limit", "0"});
  REQUIRE(counts.exit_code == 0);
  CHECK(counts.err.empty());
  CHECK_THAT(counts.out, Catch::Contains("\nNo hits shown (--limit 0): the counts only.\n"));
  // Nothing cut: nothing said.
  const auto all = run_annosearch({"search", "--index", views_seed_index(), "--level", "passage",
                                   "--actor", "taliban", "--limit", "all", "--format", "jsonl"});
  REQUIRE(all.exit_code == 0);
  CHECK(all.err.empty());
  std::set<int> passages;
  for (const auto& hit : parse_jsonl(all.out))
    passages.insert(hit.at("passage").at("n").get<int>());
  CHECK(passages == taliban);

  const auto j = run_annosearch({"search", "--index", views_seed_index(), "--level", "passage",
                                 "--actor", "taliban", "--limit", "3", "--format", "json"});
  const json parsed = json::parse(j.out);
  CHECK(parsed.at("left_out") == total - 3);
  CHECK(parsed.at("limit") == 3);
  CHECK(parsed.at("offset") == 0);
}

TEST_CASE("search CSV has url, actors and themes columns", "[e2e][views][csv]") {
  const auto r = run_annosearch({"search", "--index", views_seed_index(), "--level", "passage",
                                 "--actor", "Putin", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const json csv = parse_csv_with_python(r.out);
  CHECK(csv.at("header") == json::array({"id", "passage", "title", "date", "source", "url", "score",
                                         "actors", "themes", "text", "partial", "missing"}));
  REQUIRE(csv.at("rows").size() == 1);
  const json& row = csv.at("rows").at(0);
  CHECK(row.at("passage") == "6");
  CHECK(row.at("url") == seed_gold_url());
  // Passage 6's actors by the gold file: those mentioned in it plus document-level ones.
  std::set<std::string> expected;
  for (const auto& [id, passages] : annosearch::test::seed_gold_actor_passages()) {
    if (passages.count(6) != 0) expected.insert(id);
  }
  std::set<std::string> got;
  std::string cell = row.at("actors").get<std::string>();
  for (std::size_t start = 0; start <= cell.size();) {
    const std::size_t semi = cell.find(';', start);
    got.insert(cell.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
    if (semi == std::string::npos) break;
    start = semi + 1;
  }
  CHECK(got == expected);
  // Passage 6's themes by the gold file (ids sorted, as the index stores them).
  std::set<std::string> themes;
  const json gold = annosearch::test::seed_gold();
  for (const auto& t : gold.at("themes")) {
    const auto& ps = t.at("passages");
    if (std::find(ps.begin(), ps.end(), 6) != ps.end())
      themes.insert(t.at("id").get<std::string>());
  }
  std::string joined;
  for (const auto& t : themes) joined += (joined.empty() ? "" : ";") + t;
  CHECK(row.at("themes") == joined);
}

TEST_CASE("paging: --offset and --limit out of range are one-line usage errors",
          "[e2e][views][limit]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--offset", "4294967301"},
                                               {"--limit", "-1"},
                                               {"--limit", "1e3"},
                                               {"--offset", "all"},
                                               {"--limit", std::string(310, '9')}}) {
    std::vector<std::string> full{"search", "--index", views_seed_index(), "refugees"};
    full.insert(full.end(), args.begin(), args.end());
    const auto r = run_annosearch(full);
    INFO(args[0] << ' ' << args[1] << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find('\n') == r.err.size() - 1);
    CHECK(r.err.size() < 200);
    CHECK_THAT(r.err, Catch::StartsWith("annosearch: " + args[0]));
  }
}

TEST_CASE("export writes every match with its mentions under a citable header",
          "[e2e][views][export]") {
  const auto gold_passages = annosearch::test::seed_gold_actor_passages();
  const auto gold_mentions = annosearch::test::seed_gold_mentions_per_passage();
  const auto r = run_annosearch(
      {"export", "--index", views_seed_index(), "--level", "passage", "--actor", "Taliban"});
  REQUIRE(r.exit_code == 0);
  const auto lines = parse_jsonl(r.out);
  REQUIRE(lines.size() == 1 + gold_passages.at("taliban").size());
  const json& header = lines.at(0).at("annosearch_export");
  CHECK(header.at("format") == "annosearch-export/1");
  CHECK(header.at("generation") == "gen-000001");
  CHECK(header.at("schema_version") == annosearch::schema::kSchemaVersion);
  CHECK(header.at("query") == "actor:taliban");
  CHECK(header.at("level") == "passage");
  CHECK(header.at("registry_version").get<std::string>().size() == 16);
  CHECK(header.at("taxonomy_version").get<std::string>().size() == 16);
  CHECK_THAT(header.at("exported_at").get<std::string>(), Catch::Matches("20..-..-..T..:..:..Z"));
  std::set<int> passages;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const json& u = lines[i];
    const int n = u.at("passage").get<int>();
    passages.insert(n);
    // Every actor of the passage, each with as many mentions as the gold file has there.
    std::set<std::string> ids;
    for (const auto& a : u.at("actors")) {
      const std::string id = a.at("id").get<std::string>();
      ids.insert(id);
      const auto& per = gold_mentions.at(id);
      const int expected = per.count(n) != 0 ? per.at(n) : 0;
      CHECK(a.at("mentions").size() == static_cast<std::size_t>(expected));
      CHECK(a.at("document_level") == (expected == 0));
      for (const auto& m : a.at("mentions")) CHECK(m.at("passage") == n);
    }
    std::set<std::string> expected_ids;
    for (const auto& [id, ps] : gold_passages) {
      if (ps.count(n) != 0) expected_ids.insert(id);
    }
    CHECK(ids == expected_ids);
  }
  CHECK(passages == gold_passages.at("taliban"));
  CHECK(r.err == "annosearch: exported " + std::to_string(passages.size()) + " passages\n");
}

TEST_CASE("export's normalised query finds the same units when searched", "[e2e][views][export]") {
  const auto r = run_annosearch({"export", "--index", views_seed_index(), "--level", "passage",
                                 "--actor", "Taliban", "--when", "2021-11", "--from", "2021-12"});
  REQUIRE(r.exit_code == 0);
  const auto lines = parse_jsonl(r.out);
  const std::string query = lines.at(0).at("annosearch_export").at("query");
  CHECK(query == "actor:taliban date:2021-12.. when:2021-11");
  const auto s = run_annosearch(
      {"search", "--index", views_seed_index(), "--level", "passage", query, "--format", "json"});
  REQUIRE(s.exit_code == 0);
  CHECK(json::parse(s.out).at("total") == lines.size() - 1);
  CHECK(lines.size() > 1);
}

TEST_CASE("export at article level gathers the passages' mentions, and its CSV reads in Python",
          "[e2e][views][export][csv]") {
  const auto gold = annosearch::test::seed_gold();
  const auto r = run_annosearch({"export", "--index", views_seed_index(), "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const json csv = parse_csv_with_python(r.out);
  CHECK(csv.at("meta").at("format") == "annosearch-export/1");
  CHECK(csv.at("meta").at("generation") == "gen-000001");
  CHECK(csv.at("meta").at("query") == "");
  REQUIRE(csv.at("rows").size() == 1);
  const json& row = csv.at("rows").at(0);
  CHECK(row.at("id") == gold.at("id"));
  CHECK(row.at("passage") == "");
  // One "id@passage:start-end" per gold mention; dates likewise.
  std::size_t gold_mentions = 0;
  for (const auto& e : gold.at("entities")) {
    if (e.contains("mentions")) gold_mentions += e.at("mentions").size();
  }
  const std::string mentions = row.at("mentions").get<std::string>();
  CHECK(static_cast<std::size_t>(std::count(mentions.begin(), mentions.end(), '@')) ==
        gold_mentions);
  const std::string dates = row.at("dates").get<std::string>();
  CHECK(static_cast<std::size_t>(std::count(dates.begin(), dates.end(), '@')) ==
        gold.at("dates").size());
}

TEST_CASE("export on Reuters-21578 counts as an independent parser does", "[e2e][views][export]") {
  const std::string index = views_reuters_index();
  const auto py = run_program({"/usr/bin/python3", source_path("tests/scripts/reuters_counts.py"),
                               views_reuters_sgml_dir(), "--actor", "usa", "--theme", "crude"});
  REQUIRE(py.exit_code == 0);
  const json expected = json::parse(py.out);
  auto r = run_annosearch({"export", "--index", index, "--theme", "crude"});
  REQUIRE(r.exit_code == 0);
  const auto lines = parse_jsonl(r.out);
  CHECK(lines.size() == 1 + expected.at("theme").at("crude").get<std::size_t>());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    bool crude = false;
    for (const auto& t : lines[i].at("themes")) crude = crude || t.at("id") == "crude";
    CHECK(crude);
  }
  r = run_annosearch(
      {"export", "--index", index, "--theme", "crude", "--actor", "usa", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  const json csv = parse_csv_with_python(r.out);
  CHECK(csv.at("rows").size() == expected.at("both").get<std::size_t>());
  CHECK(csv.at("meta").at("query") == "actor:usa theme:crude");
  // Reuters' annotations are document-level: no mentions.
  for (const auto& row : csv.at("rows")) CHECK(row.at("mentions") == "");
  // Every article, uncapped (search would stop at 10).
  r = run_annosearch({"export", "--index", index, "--actor", "usa"});
  REQUIRE(r.exit_code == 0);
  CHECK(parse_jsonl(r.out).size() == 1 + expected.at("actor").at("usa").get<std::size_t>());
}
