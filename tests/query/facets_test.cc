// Exact multi-valued facets on the hand-built index (expected counts computed by hand from the
// table in test_index.h).
#include "query/facets.h"

#include <catch2/catch.hpp>

#include "core/error.h"
#include "query/search.h"
#include "tests/query/test_index.h"

using annosearch::DateBucket;
using annosearch::Level;
using annosearch::Searcher;
using annosearch::SearchRequest;

namespace {

// "value=count value=count ..." of one facet of a result.
std::string facet(const annosearch::SearchResult& r, const std::string& name) {
  for (const auto& f : r.facets) {
    if (f.name != name) continue;
    std::string out;
    for (const auto& e : f.entries) {
      out += (out.empty() ? "" : " ") + e.value + "=" + std::to_string(e.count);
    }
    return out;
  }
  return "(no facet)";
}

SearchRequest facets_at(Level level) {
  SearchRequest r;
  r.level = level;
  r.want_hits = false;
  r.facet_size = 0;
  return r;
}

}  // namespace

TEST_CASE("ListCountSpy counts each distinct value once per document", "[query][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<std::string> lists{"a\nb\na\nc", "a", "", "b\nb"};
  for (const auto& l : lists) {
    Xapian::Document d;
    d.add_value(annosearch::schema::kSlotActors, l);
    d.add_boolean_term("XLEVELarticle");
    db.add_document(d);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("XLEVELarticle"));
  annosearch::ListCountSpy spy(annosearch::schema::kSlotActors);
  enquire.add_matchspy(&spy);
  (void)enquire.get_mset(0, 0, db.get_doccount());
  CHECK(spy.documents() == 4);
  const std::map<std::string, std::size_t> expected{{"a", 2}, {"b", 2}, {"c", 1}};
  CHECK(spy.counts() == expected);
}

TEST_CASE("date buckets count only dates precise enough", "[query][facets]") {
  using annosearch::date_bucket;
  CHECK(date_bucket("2021-12-09", DateBucket::kYear) == "2021");
  CHECK(date_bucket("2021-12-09", DateBucket::kMonth) == "2021-12");
  CHECK(date_bucket("2021-12-09T10:00:00Z", DateBucket::kDay) == "2021-12-09");
  CHECK(date_bucket("2021-12", DateBucket::kMonth) == "2021-12");
  CHECK(date_bucket("2021-12", DateBucket::kDay).empty());
  CHECK(date_bucket("2021", DateBucket::kMonth).empty());
  CHECK(date_bucket("", DateBucket::kYear).empty());
}

TEST_CASE("passage-level facets count each passage once per value", "[query][facets]") {
  const Searcher s(annosearch::test::test_index());
  auto req = facets_at(Level::kPassage);
  const auto r = s.search(req);
  CHECK(r.total == 7);
  CHECK(r.exact);
  CHECK(r.hits.empty());
  // taliban: a1#1 a1#3 c1#1; rahmon: a1#1 b1#1; afghanistan: a1#2 a1#3.
  CHECK(facet(r, "actor") ==
        "taliban=3 afghanistan=2 emomali-rahmon=2 dushanbe=1 vladimir-putin=1");
  // Ancestors count: humanitarian = a1#2 (refugees) + b1#1 (famine) + d1#1 (refugees).
  CHECK(facet(r, "theme") == "humanitarian=3 economy=2 refugees=2 famine=1 politics=1 trade=1");
  // a1 is 2021-12 (3 passages), b1 2021-11-15 (2); c1 is known to the year only, d1 undated.
  CHECK(facet(r, "date") == "2021-11=2 2021-12=3");
  req.date_buckets = DateBucket::kYear;
  CHECK(facet(s.search(req), "date") == "2021=6");
  req.date_buckets = DateBucket::kDay;
  CHECK(facet(s.search(req), "date") == "2021-11-15=2");
}

TEST_CASE("article-level facets count each article once per value", "[query][facets]") {
  const Searcher s(annosearch::test::test_index());
  const auto r = s.search(facets_at(Level::kArticle));
  CHECK(r.total == 4);
  CHECK(facet(r, "actor") ==
        "emomali-rahmon=2 taliban=2 afghanistan=1 dushanbe=1 vladimir-putin=1");
  CHECK(facet(r, "theme") == "humanitarian=3 economy=2 refugees=2 famine=1 politics=1 trade=1");
  CHECK(facet(r, "date") == "2021-11=1 2021-12=1");
}

TEST_CASE("facets follow the filters and the facet options", "[query][facets]") {
  const Searcher s(annosearch::test::test_index());
  auto req = facets_at(Level::kPassage);
  req.actors = {"Taliban"};
  auto r = s.search(req);
  CHECK(r.total == 3);
  CHECK(facet(r, "actor") == "taliban=3 afghanistan=1 emomali-rahmon=1");
  req.type = "person";
  CHECK(facet(s.search(req), "actor") == "emomali-rahmon=1");
  req.type.clear();
  req.facet_size = 1;
  CHECK(facet(s.search(req), "actor") == "taliban=3");
  req.facets = {"theme"};
  req.facet_size = 0;
  r = s.search(req);
  REQUIRE(r.facets.size() == 1);
  CHECK(facet(r, "theme") == "economy=1 politics=1 trade=1");
  req.facets = {"people"};
  CHECK_THROWS_AS(s.search(req), annosearch::Error);
}

TEST_CASE("the date facet keeps the largest buckets in date order", "[query][facets]") {
  const std::map<std::string, std::size_t> counts{
      {"2020-01", 5}, {"2020-02", 1}, {"2020-03", 7}, {"2020-04", 5}};
  const auto top = annosearch::top_dates(counts, 3);
  REQUIRE(top.size() == 3);
  CHECK(top[0].value == "2020-01");
  CHECK(top[1].value == "2020-03");
  CHECK(top[2].value == "2020-04");
}
