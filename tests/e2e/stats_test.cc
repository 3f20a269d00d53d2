// `annosearch stats` end to end on the seed corpus, text and JSON.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/document.h"
#include "core/schema.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;
using nlohmann::json;

std::size_t count_lines(const std::string& path) {
  std::ifstream in(path);
  std::size_t n = 0;
  std::string line;
  while (std::getline(in, line)) n += line.empty() ? 0 : 1;
  return n;
}

}  // namespace

TEST_CASE("stats describes the seed index", "[e2e][stats]") {
  TempDir tmp;
  const std::string index = tmp.str("index");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, source_path("corpus")}).exit_code ==
          0);
  const auto r = run_annosearch({"stats", "--index", index, "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(r.out);

  std::ifstream in(source_path("corpus/documents/cabar-2021-12-tajikistan-taliban.json"));
  const json gold = json::parse(in);
  std::size_t passages = 0;
  for (const auto& p : annosearch::split_passages(gold.at("text").get<std::string>())) {
    passages += p.span.end > p.span.start ? 1 : 0;
  }
  CHECK(s.at("documents") == 1);
  CHECK(s.at("passages") == passages);
  CHECK(s.at("entities").at("registry") == count_lines(source_path("corpus/entities.jsonl")));
  CHECK(s.at("entities").at("occurring") == gold.at("entities").size());
  std::ifstream themes_in(source_path("corpus/themes.json"));
  CHECK(s.at("themes").at("taxonomy") == json::parse(themes_in).at("themes").size());
  CHECK(s.at("dates").at("min") == "2021-12");
  CHECK(s.at("dates").at("max") == "2021-12");
  CHECK(s.at("dates").at("undated_documents") == 0);
  CHECK(s.at("schema_version") == annosearch::schema::kSchemaVersion);
  CHECK_FALSE(s.at("registry_version").get<std::string>().empty());
  CHECK_THAT(s.at("writer").get<std::string>(), Catch::StartsWith("annosearch "));
  CHECK_FALSE(s.at("built_at").get<std::string>().empty());

  // The size is that of the generation the stub names.
  const std::string generation = s.at("generation");
  REQUIRE_FALSE(generation.empty());
  std::uintmax_t size = 0;
  for (const auto& f :
       std::filesystem::directory_iterator(std::filesystem::path(index) / generation)) {
    if (f.is_regular_file()) size += f.file_size();
  }
  CHECK(s.at("size_bytes") == size);

  const auto text = run_annosearch({"stats", "--index", index});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("\ndocuments     1\n"));
  CHECK_THAT(text.out, Catch::Contains("\npassages      " + std::to_string(passages) + "\n"));
  CHECK_THAT(text.out, Catch::Contains("\ndates         2021-12 .. 2021-12\n"));
}

TEST_CASE("stats on a missing index is exit code 3", "[e2e][stats]") {
  TempDir tmp;
  const auto r = run_annosearch({"stats", "--index", tmp.str("none")});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::StartsWith("annosearch: no index at "));
}
