// Parallel builds: the same corpus built with --jobs 1, 2 and 4 (parts small enough that every
// job writes several, and parts so many that they are merged in two rounds) gives the same results,
// hit order and facet counts, since the parts are merged in input order. The corpus comes from the
// benchmark's generator (tools/bench/), small.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

TEST_CASE("build --jobs 1, 2 and 4 give identical results and facet counts", "[jobs]") {
  TempDir tmp;
  const RunResult gen =
      run_program({"/usr/bin/python3", source_path("tools/bench/gen_corpus.py"), tmp.str("corpus"),
                   "--articles", "70", "--entities", "300", "--data", require_shared_path("data")});
  REQUIRE(gen.exit_code == 0);
  // "4x1": parts of one document, 70 of them, merged in two rounds (64 at most at once).
  const char* jobs[] = {"1", "2", "4", "4x1"};
  for (const char* j : jobs) {
    const bool single = std::string(j) == "4x1";
    const RunResult b = run_annosearch({"build", "--quiet", "--jobs", single ? "4" : j,
                                        "--commit-every", single ? "1" : "5", "--index",
                                        tmp.str(std::string("idx-") + j), tmp.str("corpus")});
    INFO("--jobs " << j << ": " << b.err);
    REQUIRE(b.exit_code == 0);
  }
  // Filters only (hits in document id order), BM25 words, phrases, actors, dates, both levels.
  const std::vector<std::vector<std::string>> queries = {
      {},
      {"the market"},
      {"\"the government\""},
      {"said", "--actor", "e0000000"},
      {"--actor", "e0000001", "--from", "2005", "--to", "2015"},
      {"--theme", "t1", "--level", "passage"},
      {"year", "--level", "passage", "--actor", "e0000000"},
  };
  for (const auto& q : queries) {
    std::string label;
    for (const auto& a : q) label += a + " ";
    INFO("query: " << label);
    nlohmann::json first;
    for (const char* j : jobs) {
      std::vector<std::string> args{"search",   "--index", tmp.str(std::string("idx-") + j),
                                    "--format", "json",    "--limit",
                                    "20"};
      args.insert(args.end(), q.begin(), q.end());
      const RunResult r = run_annosearch(args);
      REQUIRE(r.exit_code == 0);
      nlohmann::json got = nlohmann::json::parse(r.out);
      if (first.is_null()) {
        first = got;
        CHECK(first.at("total").get<long>() > 0);  // each query finds something to compare
      } else {
        CHECK(got == first);
      }
    }
  }
  // Stats agree too (counts of articles, passages, terms).
  const RunResult s1 = run_annosearch({"stats", "--index", tmp.str("idx-1"), "--format", "json"});
  const RunResult s4 = run_annosearch({"stats", "--index", tmp.str("idx-4"), "--format", "json"});
  REQUIRE(s1.exit_code == 0);
  REQUIRE(s4.exit_code == 0);
  auto strip = [](nlohmann::json j) {
    j.erase("index");
    j.erase("built_at");
    j.erase("generation");
    return j;
  };
  CHECK(strip(nlohmann::json::parse(s1.out)) == strip(nlohmann::json::parse(s4.out)));
}
