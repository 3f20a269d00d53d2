// End-to-end: a query word is stemmed for every language the index holds, and highlighted in the
// passage's own language.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/e2e/synthetic_corpus.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

TEST_CASE("queries find words in documents of every indexed language", "[languages]") {
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "a", 0, 2);
  {
    std::ofstream out(tmp.path() / "a" / "docs.jsonl", std::ios::app);
    out << nlohmann::json{{"id", "ru-1"},
                          {"language", "ru"},
                          {"title", "Беженцы"},
                          {"text", "Беженцев из Афганистана становится больше."}}
               .dump()
        << '\n';
  }
  const std::string index = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, tmp.str("a")}).exit_code == 0);
  const RunResult stats = run_annosearch({"stats", "--index", index, "--format", "json"});
  CHECK(stats.exit_code == 0);
  // "беженцы" and "беженцев" share the Russian stem "беженц".
  const RunResult r = run_annosearch(
      {"search", "--index", index, "--level", "passage", "--format", "json", "беженцы"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["total"] == 1);
  REQUIRE(j["hits"].size() == 1);
  CHECK(j["hits"][0]["passage"]["highlighted"] == "[Беженцев] из Афганистана становится больше.");
  // English words are still stemmed as English.
  CHECK(search_total(index, {"discussing"}) == 2);
}
