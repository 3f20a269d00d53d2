// End-to-end on all of Reuters-21578: import, build, stats and faceted counts, compared with an
// independent count made by tests/scripts/reuters_counts.py straight from the SGML. Slow (a full
// build), so hidden from the default run and registered as its own CTest entry labelled "slow".
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/e2e/synthetic_corpus.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

TEST_CASE("Reuters-21578 imports builds and counts as an independent parser does",
          "[.][slow][reuters]") {
  const std::string data = require_shared_path("data/reuters21578");
  TempDir tmp;
  const std::string corpus = tmp.str("reuters");
  const std::string index = tmp.str("idx");
  RunResult r = run_annosearch({"import", "reuters21578", data, "-o", corpus, "--quiet"});
  REQUIRE(r.exit_code == 0);
  r = run_annosearch({"validate", corpus});
  INFO(r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  // The editors' labels only: the expected counts come from an independent parser of the SGML.
  r = run_annosearch({"build", "--quiet", "--annotate", "off", "--index", index, corpus});
  REQUIRE(r.exit_code == 0);
  r = run_annosearch({"stats", "--index", index, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["documents"] == 21578);

  r = run_program({"/usr/bin/python3", source_path("tests/scripts/reuters_counts.py"), data,
                   "--actor", "usa", "--theme", "crude"});
  REQUIRE(r.exit_code == 0);
  const auto expected = nlohmann::json::parse(r.out);
  CHECK(expected["total"] == 21578);
  CHECK(search_total(index) == expected["total"].get<long>());
  CHECK(search_total(index, {"--actor", "usa"}) == expected["actor"]["usa"].get<long>());
  CHECK(search_total(index, {"--theme", "crude"}) == expected["theme"]["crude"].get<long>());
  CHECK(search_total(index, {"--actor", "usa", "--theme", "crude"}) ==
        expected["both"].get<long>());
  // The same counts as facets: the crude theme facet among usa articles.
  r = run_annosearch({"facets", "--index", index, "--actor", "usa", "--facets", "theme",
                      "--facet-size", "0", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  long crude = -1;
  const auto facets = nlohmann::json::parse(r.out);
  for (const auto& e : facets["facets"]["theme"]) {
    if (e["id"] == "crude") crude = e["count"].get<long>();
  }
  CHECK(crude == expected["both"].get<long>());
  CHECK(run_annosearch({"verify", "--index", index, corpus}).exit_code == 0);
}
