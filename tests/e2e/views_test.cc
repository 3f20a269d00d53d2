// The views end to end: kwic, timeline, cooccur, show and compare, in text, JSON, JSON Lines and
// CSV, on the seed (expected values counted from the gold file here) and on the Reuters-21578
// fixture (tests/scripts/reuters_facets.py). CSV is read with Python's csv module.
#include <cmath>
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

annosearch::test::RunResult view(std::vector<std::string> args, const std::string& format,
                                 const std::string& index = views_seed_index()) {
  args.insert(args.begin() + 1, {"--index", index, "--format", format});
  auto r = run_annosearch(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

std::size_t total_mentions(const std::string& id) {
  std::size_t n = 0;
  // Held by name: a range-for over a member of a temporary would read it after it is destroyed.
  const auto per_passage = seed_gold_mentions_per_passage();
  for (const auto& [passage, k] : per_passage.at(id)) n += k;
  return n;
}

}  // namespace

TEST_CASE("kwic lists every mention of an actor with its exact span", "[e2e][views][kwic]") {
  const json doc = seed_gold();
  const std::string text = doc.at("text");
  const auto passages = annosearch::split_passages(text);
  // Putin: one mention in the gold file.
  const json r = json::parse(view({"kwic", "Putin"}, "json").out);
  CHECK(r.at("kind") == "actor");
  CHECK(r.at("actor") == "vladimir-putin");
  REQUIRE(r.at("lines").size() == 1);
  const json& line = r.at("lines").at(0);
  json mention;
  for (const auto& e : doc.at("entities")) {
    if (e.at("id") == "vladimir-putin") mention = e.at("mentions").at(0);
  }
  const std::size_t start = mention.at("start");
  const std::size_t end = mention.at("end");
  CHECK(line.at("passage") == 6);
  const auto& p = passages.at(5);
  CHECK(line.at("start") == start - p.span.start);
  CHECK(line.at("end") == end - p.span.start);
  CHECK(line.at("keyword") == annosearch::substr_code_points(text, start, end));
  CHECK(line.at("date") == "2021-12");

  // Taliban: every gold mention, one line each, in JSON Lines and CSV.
  const auto lines = parse_jsonl(view({"kwic", "Taliban", "--width", "20"}, "jsonl").out);
  CHECK(lines.size() == total_mentions("taliban"));
  for (const auto& l : lines) {
    CHECK(annosearch::count_code_points(l.at("left").get<std::string>()) <= 20);
    CHECK(annosearch::count_code_points(l.at("right").get<std::string>()) <= 20);
  }
  const json csv = parse_csv_with_python(view({"kwic", "taliban", "--sort", "right"}, "csv").out);
  CHECK(csv.at("header") ==
        json::array({"id", "date", "passage", "start", "end", "left", "keyword", "right"}));
  CHECK(csv.at("rows").size() == total_mentions("taliban"));
  // Sorted by the right context.
  for (std::size_t i = 1; i < csv.at("rows").size(); ++i) {
    std::string a = csv.at("rows").at(i - 1).at("right");
    std::string b = csv.at("rows").at(i).at("right");
    for (auto* s : {&a, &b}) {
      for (auto& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    CHECK(a <= b);
  }
  const auto text_out = view({"kwic", "Putin"}, "text").out;
  CHECK_THAT(text_out, Catch::StartsWith("1 line in 1 passage for actor vladimir-putin\n"));
  CHECK_THAT(text_out, Catch::Contains("[Vladimir Putin]"));
}

TEST_CASE("kwic text shows each line's whole day, not a cut timestamp", "[e2e][views][kwic]") {
  // Reuters dates carry a time (1987-02-26T15:01:01): the 10-character column is the day.
  const json r = json::parse(view({"kwic", "oil"}, "json", views_reuters_index()).out);
  REQUIRE(!r.at("lines").empty());
  const std::string text = view({"kwic", "oil"}, "text", views_reuters_index()).out;
  std::vector<std::string> rows;
  for (std::size_t at = text.find('\n') + 1, end = 0; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    rows.push_back(text.substr(at, end - at));
  }
  REQUIRE(rows.size() >= r.at("lines").size());
  for (std::size_t i = 0; i < r.at("lines").size(); ++i) {
    const std::string date = r.at("lines").at(i).at("date");
    INFO(rows[i]);
    REQUIRE(date.size() > 10);
    CHECK(rows[i].rfind(date.substr(0, 10) + "  ", 0) == 0);
  }
}

TEST_CASE("kwic of a query word shows its matches", "[e2e][views][kwic]") {
  // "Dushanbe" names no registry entity by that exact input? It does (the city): use a word that
  // names none, "refugees", found in passage 30 twice by the gold text.
  const json r = json::parse(view({"kwic", "refugees"}, "json").out);
  CHECK(r.at("kind") == "query");
  std::size_t in30 = 0;
  for (const auto& l : r.at("lines")) {
    CHECK(l.at("keyword").get<std::string>().rfind("refugee", 0) == 0);
    if (l.at("passage") == 30) ++in30;
  }
  const json doc = seed_gold();
  const auto passages = annosearch::split_passages(doc.at("text").get<std::string>());
  const std::string p30 = annosearch::substr_code_points(doc.at("text"), passages.at(29).span.start,
                                                         passages.at(29).span.end);
  std::size_t expected = 0;
  for (std::size_t at = p30.find("refugees"); at != std::string::npos;
       at = p30.find("refugees", at + 1)) {
    ++expected;
  }
  CHECK(in30 == expected);
}

TEST_CASE("kwic of an actor without mentions shows where its words stand", "[e2e][views][kwic]") {
  // The gold links every "Dushanbe" to Tajikistan (the capital said of its government), so the
  // city has no mention: the concordance is of the word, and says so. Expected: the occurrences of
  // "Dushanbe" in the gold text, counted here.
  const json r = json::parse(view({"kwic", "Dushanbe"}, "json").out);
  CHECK(r.at("kind") == "actor");
  CHECK(r.at("actor") == "dushanbe");
  CHECK(r.at("words_instead") == true);
  const std::string text = seed_gold().at("text");
  std::size_t expected = 0;
  for (std::size_t at = text.find("Dushanbe"); at != std::string::npos;
       at = text.find("Dushanbe", at + 1)) {
    ++expected;
  }
  CHECK(r.at("count") == expected);
  for (const auto& l : r.at("lines")) {  // the whole token: "Dushanbe’s" too
    CHECK(l.at("keyword").get<std::string>().rfind("Dushanbe", 0) == 0);
  }
  const auto text_out = view({"kwic", "Dushanbe"}, "text").out;
  CHECK_THAT(text_out, Catch::Contains("note: dushanbe has no annotated mention here; these lines "
                                       "are where the words \"Dushanbe\" stand"));
  // With words of its own the query keeps them: no lines of the target's words alone.
  const json with_words = json::parse(view({"kwic", "Dushanbe", "Taliban"}, "json").out);
  CHECK(with_words.at("words_instead") == false);
  CHECK(with_words.at("count") == 0);
  CHECK_THAT(view({"kwic", "Dushanbe", "Taliban"}, "text").out,
             Catch::StartsWith("0 lines in 0 passages for actor dushanbe · \"Taliban\"\n"));
}

TEST_CASE("the kwic header names every filter beside the target", "[e2e][views][kwic]") {
  CHECK_THAT(view({"kwic", "Taliban", "--actor", "Tajikistan", "--from", "2021"}, "text").out,
             Catch::Contains(" passages for actor taliban · actor tajikistan (\"Tajikistan\" by "
                             "name) · published 2021..…\n"));
  CHECK_THAT(view({"kwic", "refugees", "--theme", "security"}, "text").out,
             Catch::Contains(" for \"refugees\" · theme security\n"));
}

TEST_CASE("timeline counts per month, zero-filled and normalised, as the SGML says",
          "[e2e][views][timeline]") {
  const auto py = run_program({"/usr/bin/python3", source_path("tests/scripts/reuters_facets.py"),
                               views_reuters_sgml_dir(), "--theme", "crude"});
  REQUIRE(py.exit_code == 0);
  const json expected = json::parse(py.out);
  const json r = json::parse(
      view({"timeline", "--theme", "crude", "--normalize"}, "json", views_reuters_index()).out);
  CHECK(r.at("total") == expected.at("selected"));
  REQUIRE(r.at("buckets").size() == expected.at("month").size());
  for (const auto& b : r.at("buckets")) {
    const std::string m = b.at("bucket");
    CHECK(b.at("count") == expected.at("month").at(m));
    CHECK(b.at("bucket_total") == expected.at("month_all").at(m));
  }
  const json csv = parse_csv_with_python(
      view({"timeline", "--theme", "crude", "--by", "year"}, "csv", views_reuters_index()).out);
  REQUIRE(csv.at("rows").size() == 1);
  CHECK(csv.at("rows").at(0).at("bucket") == "1987");
  CHECK(csv.at("rows").at(0).at("count") == std::to_string(expected.at("selected").get<long>()));
  const std::string text =
      view({"timeline", "--theme", "crude"}, "text", views_reuters_index()).out;
  CHECK_THAT(text, Catch::Contains("█"));
  // The header says what was counted.
  CHECK_THAT(text, Catch::StartsWith(std::to_string(expected.at("selected").get<long>()) +
                                     " articles for theme crude, by month of publication\n"));
  // Mentioned dates on the seed: months without a mention between the first and last are 0.
  const auto lines =
      parse_jsonl(view({"timeline", "--level", "passage", "--mentioned-dates"}, "jsonl").out);
  bool zero = false;
  for (const auto& l : lines) zero = zero || l.at("count") == 0;
  CHECK(zero);
}

TEST_CASE("cooccur: joint and own counts from the gold file, log-likelihood, a CSV edge list",
          "[e2e][views][cooccur]") {
  const auto gold = seed_gold_actor_passages();
  // N: every passage with words (all units match: no query, no filter).
  std::set<int> units;
  for (const auto& p : annosearch::split_passages(seed_gold().at("text").get<std::string>())) {
    if (p.span.end > p.span.start) units.insert(p.n);
  }
  const auto all = view({"cooccur", "Taliban", "--limit", "all"}, "csv");
  const json csv = parse_csv_with_python(all.out);
  CHECK(csv.at("header").at(0) == "Source");
  CHECK(csv.at("header").at(1) == "Target");
  CHECK(csv.at("header").at(2) == "Weight");
  const auto& taliban = gold.at("taliban");
  std::size_t partners = 0;
  for (const auto& [id, ps] : gold) {
    if (id == "taliban") continue;
    std::size_t joint = 0;
    for (const int p : ps) joint += taliban.count(p);
    partners += joint > 0 ? 1 : 0;
  }
  CHECK(csv.at("rows").size() == partners);
  double previous = 1e300;
  for (const auto& row : csv.at("rows")) {
    const std::string id = row.at("Target");
    INFO(id);
    const auto& ps = gold.at(id);
    std::size_t joint = 0;
    for (const int p : ps) joint += taliban.count(p);
    CHECK(row.at("Source") == "taliban");
    CHECK(row.at("Weight") == std::to_string(joint));
    CHECK(row.at("target_units") == std::to_string(ps.size()));
    CHECK(row.at("units") == std::to_string(units.size()));
    // G² over the 2x2 table, written out here.
    const double n = static_cast<double>(units.size());
    const double a = static_cast<double>(taliban.size());
    const double b = static_cast<double>(ps.size());
    const double o[4] = {static_cast<double>(joint), a - joint, b - joint, n - a - b + joint};
    const double e[4] = {a * b / n, a * (n - b) / n, (n - a) * b / n, (n - a) * (n - b) / n};
    double g2 = 0;
    for (int i = 0; i < 4; ++i) g2 += o[i] > 0 ? 2 * o[i] * std::log(o[i] / e[i]) : 0;
    if (o[0] < e[0]) g2 = -g2;
    const double llr = std::stod(row.at("llr").get<std::string>());
    CHECK(llr == Approx(g2).margin(0.0001));
    CHECK(llr <= previous);
    previous = llr;
  }
  const auto cut = run_annosearch(
      {"cooccur", "--index", views_seed_index(), "Taliban", "--limit", "2", "--format", "jsonl"});
  REQUIRE(cut.exit_code == 0);
  CHECK(parse_jsonl(cut.out).size() == 2);
  CHECK_THAT(cut.err, Catch::Contains(std::to_string(partners - 2) + " left out by --limit 2"));
}

TEST_CASE("kwic and cooccur take --actor X alone as their actor, and without one show the form",
          "[e2e][views][kwic][cooccur]") {
  CHECK(view({"kwic", "--actor", "Putin"}, "json").out == view({"kwic", "Putin"}, "json").out);
  CHECK(view({"cooccur", "--actor", "Taliban", "--limit", "all"}, "csv").out ==
        view({"cooccur", "Taliban", "--limit", "all"}, "csv").out);
  // A first argument stays the actor; --actor then filters.
  const json filtered =
      json::parse(view({"cooccur", "Taliban", "--actor", "Tajikistan"}, "json").out);
  CHECK(filtered.at("actor").at("id") == "taliban");
  for (const auto& command : {"kwic", "cooccur"}) {
    const auto none = run_annosearch({command, "--index", views_seed_index()});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err,
               Catch::Contains(std::string("the actor comes first: annosearch ") + command));
    const auto two = run_annosearch(
        {command, "--index", views_seed_index(), "--actor", "Putin", "--actor", "Taliban"});
    CHECK(two.exit_code == 2);
    CHECK_THAT(two.err, Catch::Contains("with several --actor"));
  }
}

TEST_CASE("show a passage with its context and annotations, and unknown ids are usage errors",
          "[e2e][views][show]") {
  const auto mentions = seed_gold_mentions_per_passage();
  const json r = json::parse(
      view({"show", "cabar-2021-12-tajikistan-taliban#6", "--context", "1"}, "json").out);
  CHECK(r.at("focus") == 6);
  REQUIRE(r.at("passages").size() == 3);
  CHECK(r.at("passages").at(0).at("passage") == 5);
  CHECK(r.at("passages").at(1).at("focus") == true);
  for (const auto& p : r.at("passages")) {
    const int n = p.at("passage");
    std::size_t expected = 0;
    for (const auto& [id, per] : mentions) expected += per.count(n) != 0 ? per.at(n) : 0;
    CHECK(p.at("mentions").size() == expected);
  }
  const json csv =
      parse_csv_with_python(view({"show", "cabar-2021-12-tajikistan-taliban"}, "csv").out);
  CHECK(csv.at("rows").size() == json::parse(view({"stats"}, "json").out).at("passages"));
  for (const auto& bad : {"no-such-doc", "cabar-2021-12-tajikistan-taliban#999",
                          "cabar-2021-12-tajikistan-taliban#0"}) {
    const auto e = run_annosearch({"show", "--index", views_seed_index(), bad});
    CHECK(e.exit_code == 2);
    CHECK(e.out.empty());
  }
}

TEST_CASE("compare puts two actors side by side", "[e2e][views][compare]") {
  const auto gold = seed_gold_actor_passages();
  const json r =
      json::parse(view({"compare", "Russia", "China", "--level", "passage"}, "json").out);
  REQUIRE(r.at("columns").size() == 2);
  CHECK(r.at("columns").at(0).at("count") == gold.at("russia").size());
  CHECK(r.at("columns").at(1).at("count") == gold.at("china").size());
  CHECK(r.at("columns").at(0).at("timeline").size() == r.at("columns").at(1).at("timeline").size());
  const json csv =
      parse_csv_with_python(view({"compare", "Russia", "China", "--level", "passage"}, "csv").out);
  std::map<std::string, std::string> counts;
  for (const auto& row : csv.at("rows")) {
    if (row.at("section") == "count") counts[row.at("target")] = row.at("count");
  }
  CHECK(counts.at("Russia") == std::to_string(gold.at("russia").size()));
  CHECK(counts.at("China") == std::to_string(gold.at("china").size()));
  const auto one = run_annosearch({"compare", "--index", views_seed_index(), "Russia"});
  CHECK(one.exit_code == 2);
}
