// Search on the hand-built index: filters, free text, sorting, passages shown, highlights, why.
#include "query/search.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "core/error.h"
#include "query/highlight.h"
#include "tests/query/test_index.h"

using annosearch::Level;
using annosearch::Searcher;
using annosearch::SearchRequest;
using annosearch::SearchResult;
using annosearch::SortOrder;

namespace {

const Searcher& searcher() {
  static const Searcher s(annosearch::test::test_index());
  return s;
}

// The hits as "id" (articles) or "id#n" (passages), space separated, in order.
std::string ids(const SearchResult& r) {
  std::string out;
  for (const auto& h : r.hits) {
    out += (out.empty() ? "" : " ") + h.id;
    if (r.level == Level::kPassage) out += "#" + std::to_string(h.passage.n);
  }
  return out;
}

// The words of a space-separated list, sorted.
std::string sorted(const std::string& list) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < list.size()) {
    const std::size_t space = list.find(' ', start);
    words.push_back(
        list.substr(start, space == std::string::npos ? std::string::npos : space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

SearchRequest passages() {
  SearchRequest r;
  r.level = Level::kPassage;
  r.facets.clear();
  return r;
}

SearchRequest articles() {
  SearchRequest r;
  r.facets.clear();
  return r;
}

annosearch::ErrorKind error_kind(const SearchRequest& req) {
  try {
    (void)searcher().search(req);
  } catch (const annosearch::Error& e) {
    return e.kind();
  }
  return annosearch::ErrorKind::kInternal;
}

}  // namespace

TEST_CASE("filters select the expected units", "[query][search]") {
  struct Case {
    std::string what;
    SearchRequest req;
    std::string expected;
  };
  std::vector<Case> cases;
  auto add = [&](std::string what, SearchRequest req, std::string expected) {
    cases.push_back({std::move(what), std::move(req), std::move(expected)});
  };
  // No query: every unit of the level, in docid (indexing) order.
  add("all passages", passages(), "a1#1 a1#2 a1#3 b1#1 b1#2 c1#1 d1#1");
  add("all articles", articles(), "a1 b1 c1 d1");
  {
    auto r = passages();
    r.actors = {"Putin"};
    add("actor by alias", r, "b1#1");
    r.actors = {"Rakhmon", "Taliban"};
    add("two actors combine with AND", r, "a1#1");
  }
  {
    auto r = passages();
    r.themes = {"humanitarian"};
    add("a theme finds its descendants", r, "a1#2 b1#1 d1#1");
    r.themes = {"economy"};
    add("economy finds trade", r, "a1#3 b1#2");
  }
  {
    auto r = articles();
    r.from = "2021-12";
    add("--from a month contains a month", r, "a1");
    r.from = "2021-11-15";
    add("--from a day before", r, "a1 b1");
    r.from = "2021-12-05";
    add("--from inside the month excludes it", r, "");
    r.from.clear();
    r.to = "2021-12";
    add("--to includes the year-only date", r, "a1 b1 c1");
    r.to = "2021-11";
    add("--to excludes what may be later", r, "b1");
  }
  {
    auto r = passages();
    r.when = "2021-11";
    add("--when a month", r, "a1#2");
    r.when = "2021";
    add("--when a year", r, "a1#2 b1#2 c1#1");
    r.when = "2021-10..2021-11";
    add("--when a range", r, "a1#2 c1#1");
    r.when = "2021-11-28";
    add("--when a day", r, "a1#2");
    r.when = "2021-10-15";
    add("--when a day finds no month-only mention", r, "");
  }
  {
    auto r = passages();
    r.text = "refugees";
    add("free text is stemmed", r, "a1#2 d1#1");
    r.text = "\"the Taliban\"";
    add("a phrase", r, "a1#1 a1#3");
    r.text = "taliban -trade";
    add("NOT", r, "a1#1 c1#1");
    r.text = "famine OR economy";
    add("OR", r, "b1#1 b1#2");
    r.text = "actor:Putin OR refugees";
    add("a field inside OR", r, "a1#2 b1#1 d1#1");
    r.text = "actor:Rahmon theme:politics";
    add("top-level fields are filters", r, "a1#1");
    r.text = "date:2021-11..";
    add("date field with an open end", r, "a1#1 a1#2 a1#3 b1#1 b1#2");
    r.text = "when:2021-11";
    add("when field", r, "a1#2");
    r.text = "anti-refugees";
    add("a hyphenated word is a phrase", r, "");
  }
  for (const auto& c : cases) {
    INFO(c.what);
    // Free text ranks by BM25; compare the sets (the ranking has its own test).
    CHECK(sorted(ids(searcher().search(c.req))) == c.expected);
  }
}

TEST_CASE("totals are exact and paging works", "[query][search]") {
  auto r = passages();
  r.limit = 2;
  r.offset = 1;
  const auto res = searcher().search(r);
  CHECK(res.total == 7);
  CHECK(res.exact);
  CHECK(ids(res) == "a1#2 a1#3");
}

TEST_CASE("sorting by date puts undated units last", "[query][search]") {
  auto r = articles();
  r.sort = SortOrder::kDate;
  CHECK(ids(searcher().search(r)) == "c1 b1 a1 d1");
  r.sort = SortOrder::kDateDescending;
  CHECK(ids(searcher().search(r)) == "a1 b1 c1 d1");
  auto p = passages();
  p.sort = SortOrder::kDateDescending;
  p.actors = {"emomali-rahmon"};
  CHECK(ids(searcher().search(p)) == "a1#1 b1#1");
  p.sort = SortOrder::kDate;
  CHECK(ids(searcher().search(p)) == "b1#1 a1#1");
}

TEST_CASE("free text is ranked by BM25 and filters add no weight", "[query][search]") {
  auto r = passages();
  r.text = "refugees";
  const auto with_text = searcher().search(r);
  REQUIRE(with_text.hits.size() == 2);
  CHECK(with_text.hits[0].score > 0);
  // The shorter passage ranks first (BM25 length normalisation).
  CHECK(with_text.hits[0].id == "d1");
  r.themes = {"refugees"};
  const auto filtered = searcher().search(r);
  REQUIRE(filtered.hits.size() == 2);
  CHECK(filtered.hits[0].score == Approx(with_text.hits[0].score));
  r.text.clear();
  for (const auto& h : searcher().search(r).hits) CHECK(h.score == 0);
}

// Found by tests/fuzz/fuzz_query: a prefix inside NEAR/ADJ reached Xapian as an OP_WILDCARD,
// which OP_NEAR and OP_PHRASE refuse (UnimplementedError, exit 4). Expected hits by hand: only
// a1#2 has "Refugees" within 3 of an "afgh..." word; only a1#3 has "Taliban grows".
TEST_CASE("a prefix works as an operand of NEAR and ADJ", "[query][search]") {
  auto r = passages();
  r.text = "refugees NEAR/3 afgh*";
  CHECK(ids(searcher().search(r)) == "a1#2");
  r.text = "afgh* NEAR/3 refugees";
  CHECK(ids(searcher().search(r)) == "a1#2");
  r.text = "tali* ADJ/1 grows";
  CHECK(ids(searcher().search(r)) == "a1#3");
  r.text = "grows ADJ/1 tali*";  // ADJ keeps the order
  CHECK(searcher().search(r).hits.empty());
  r.text = "refugees NEAR/3 zzz*";  // a prefix no word starts with: no hit, no error
  CHECK(searcher().search(r).hits.empty());
}

TEST_CASE("article hits show their best passage highlighted", "[query][search]") {
  auto r = articles();
  r.text = "refugees";
  auto res = searcher().search(r);
  REQUIRE(res.hits.size() == 2);
  const auto* a1 = res.hits[0].id == "a1" ? &res.hits[0] : &res.hits[1];
  CHECK(a1->passage.n == 2);
  CHECK(annosearch::render_highlighted(a1->passage.text, a1->passage.highlights) ==
        "[Refugees] from Afghanistan crossed the border on 28 November 2021");
  REQUIRE(a1->why.terms.size() == 1);
  CHECK(a1->why.terms[0] == "refuge");

  // No free text: the first passage matching the filters, with the actor's mentions marked.
  r = articles();
  r.actors = {"Putin"};
  res = searcher().search(r);
  REQUIRE(res.hits.size() == 1);
  CHECK(res.hits[0].passage.n == 1);
  CHECK(annosearch::render_highlighted(res.hits[0].passage.text, res.hits[0].passage.highlights) ==
        "[Putin] and Rahmon discuss the famine");
  REQUIRE(res.hits[0].why.actors.size() == 1);
  CHECK(res.hits[0].why.actors[0].via == "alias");

  // Words spread over two passages: no passage matches them all; the actor's first passage shows.
  r = articles();
  r.text = "trade meets";
  r.actors = {"taliban"};
  res = searcher().search(r);
  REQUIRE(res.hits.size() == 1);
  CHECK(res.hits[0].id == "a1");
  CHECK(res.hits[0].passage.n == 1);
  CHECK(annosearch::render_highlighted(res.hits[0].passage.text, res.hits[0].passage.highlights) ==
        "Rahmon [meets] the [Taliban]");

  // A date filter at article level picks the passage that mentions the date.
  r = articles();
  r.when = "2021-11";
  res = searcher().search(r);
  REQUIRE(res.hits.size() == 1);
  CHECK(res.hits[0].passage.n == 2);
  CHECK(res.hits[0].why.when == std::vector<std::string>{"2021-11-28"});
}

TEST_CASE("hits carry the unit's actors and themes and the why", "[query][search]") {
  auto r = passages();
  r.actors = {"Rakhmon"};
  r.themes = {"humanitarian"};
  const auto res = searcher().search(r);
  REQUIRE(res.hits.size() == 1);
  const auto& h = res.hits[0];
  CHECK(h.id == "b1");
  CHECK(h.title == "Title of b1");
  CHECK(h.date == "2021-11-15");
  REQUIRE(h.actors.size() == 2);
  CHECK(h.actors[0].id == "vladimir-putin");
  CHECK(h.actors[0].name == "Vladimir Putin");
  CHECK(h.actors[0].type == "PERSON");
  REQUIRE(h.themes.size() == 1);
  CHECK(h.themes[0].label == "Famine and food insecurity");
  REQUIRE(h.why.themes.size() == 1);
  CHECK(h.why.themes[0].first == "humanitarian");
  CHECK(h.why.themes[0].second == std::vector<std::string>{"famine"});
  CHECK(res.query.filters.actor == std::vector<std::string>{"emomali-rahmon"});
  CHECK(res.query.filters.theme == std::vector<std::string>{"humanitarian"});
  REQUIRE(res.query.resolved.size() == 1);
  CHECK(res.query.resolved[0].input == "Rakhmon");
  CHECK(res.query.resolved[0].via == "alias");
}

TEST_CASE("name and aliases of one actor give identical results", "[query][search]") {
  std::vector<std::string> results;
  for (const std::string input : {"Rakhmon", "Rahmon", "Emomali Rahmon", "emomali-rahmon"}) {
    auto r = passages();
    r.actors = {input};
    results.push_back(ids(searcher().search(r)));
  }
  CHECK(results[0] == "a1#1 b1#1");
  for (const auto& x : results) CHECK(x == results[0]);
}

TEST_CASE("bad requests are usage errors", "[query][search]") {
  using annosearch::ErrorKind;
  auto r = passages();
  r.actors = {"Nobody At All"};
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.actors = {"Afghan"};
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.themes = {"sports"};
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.from = "2021-13";
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.from = "2022";
  r.to = "2021";
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.when = "2021-11..2021-10";
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.text = "type:PERSON OR refugees";
  CHECK(error_kind(r) == ErrorKind::kUsage);
  r = passages();
  r.text = "date:2021";
  r.from = "2020";
  CHECK(error_kind(r) == ErrorKind::kUsage);
}

TEST_CASE("requests compile to the expected Xapian queries", "[query][search]") {
  auto r = passages();
  r.text = "refugees \"human rights\" -taliban";
  r.actors = {"Putin"};
  CHECK(searcher().query_description(r) ==
        "Query((((Zrefuge AND (human PHRASE 2 rights)) AND_NOT Ztaliban) FILTER "
        "(XAvladimir-putin AND XLEVELpassage)))");
  r = passages();
  r.when = "2021-11-29..2021-12";
  CHECK(searcher().query_description(r) ==
        "Query((0 * <alldocuments> FILTER ((XW2021-11-29 OR XW2021-11-30 OR XW2021-12) AND "
        "XLEVELpassage)))");
}
