// End-to-end: an actor that resolves but occurs in no document says which entity to use instead.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

TEST_CASE("a city used for its government points to the country", "[resolution]") {
  TempDir tmp;
  const std::string index = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, source_path("corpus")}).exit_code ==
          0);
  RunResult r = run_annosearch({"search", "--index", index, "--actor", "Dushanbe", "--format",
                                "json", "--level", "passage"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["total"] == 0);
  CHECK(j["query"]["resolved"][0]["id"] == "dushanbe");
  CHECK(j["query"]["resolved"][0]["note"] ==
        "dushanbe occurs in no indexed document; \"Dushanbe\" also names tajikistan (GPE, "
        "Tajikistan), which does: use --actor tajikistan");
  r = run_annosearch({"search", "--index", index, "--actor", "Dushanbe"});
  CHECK(r.out.find("note: dushanbe occurs in no indexed document") != std::string::npos);
  // An actor that occurs gets no note.
  r = run_annosearch({"search", "--index", index, "--actor", "Rakhmon", "--format", "json"});
  CHECK_FALSE(nlohmann::json::parse(r.out)["query"]["resolved"][0].contains("note"));
}
