// End-to-end: update (add, replace, skip, prune), delete, verify, compact, registry changes,
// the writer lock and the schema-version refusal, on synthetic corpora.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/schema.h"
#include "tests/e2e/synthetic_corpus.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

namespace {

std::string build_index(const TempDir& tmp, int from, int to) {
  write_synthetic_corpus(tmp.path() / "a", from, to);
  const std::string index = tmp.str("idx");
  const RunResult r = run_annosearch({"build", "--quiet", "--index", index, tmp.str("a")});
  REQUIRE(r.exit_code == 0);
  return index;
}

}  // namespace

TEST_CASE("update adds replaces skips and prunes with exact counts", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 10);
  CHECK(search_total(index) == 10);
  // b: 5..15 with 5..7 changed: 5 new (10..14), 2 replaced (5, 6), 3 unchanged (7..9).
  write_synthetic_corpus(tmp.path() / "b", 5, 15, 5, 7);
  RunResult r = run_annosearch({"update", "--index", index, "--format", "json", tmp.str("b")});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["added"] == 5);
  CHECK(j["replaced"] == 2);
  CHECK(j["unchanged"] == 3);
  CHECK(j["deleted"] == 0);
  CHECK(search_total(index) == 15);
  CHECK(search_total(index, {"revised"}) == 2);
  // Again: everything unchanged.
  r = run_annosearch({"update", "--index", index, "--format", "json", tmp.str("b")});
  j = nlohmann::json::parse(r.out);
  CHECK(j["unchanged"] == 10);
  CHECK(j["added"] == 0);
  // --prune deletes 0..4, which b lacks.
  r = run_annosearch({"update", "--index", index, "--format", "json", "--prune", tmp.str("b")});
  REQUIRE(r.exit_code == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["deleted"] == 5);
  CHECK(search_total(index) == 10);
  CHECK(search_total(index, {"--level", "passage"}) == 20);
  // delete by id: one found, one not (exit 1, the found one is still deleted).
  r = run_annosearch({"delete", "--index", index, "syn-14", "no-such-id"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("id=no-such-id") != std::string::npos);
  CHECK(search_total(index) == 9);
  CHECK(search_total(index, {"--level", "passage"}) == 18);
}

TEST_CASE("a bad record is reported and the others are indexed", "[maintenance]") {
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "a", 0, 3);
  {
    std::ofstream out(tmp.path() / "a" / "docs.jsonl", std::ios::app);
    out << R"({"id":"bad-1","text":"x","date":"2021-02-30"})" << '\n';
  }
  const std::string index = tmp.str("idx");
  RunResult r = run_annosearch({"build", "--index", index, tmp.str("a")});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("docs.jsonl:4: id=bad-1: date:") != std::string::npos);
  CHECK(r.err.find("3 document(s) indexed") != std::string::npos);
  CHECK(r.err.find("1 rejected") != std::string::npos);
  CHECK(search_total(index) == 3);
  // --strict: nothing published; the published index stays as it was.
  write_synthetic_corpus(tmp.path() / "b", 0, 5);
  {
    std::ofstream out(tmp.path() / "b" / "docs.jsonl", std::ios::app);
    out << R"({"id":"bad-1","text":"x","date":"2021-02-30"})" << '\n';
  }
  r = run_annosearch({"build", "--strict", "--index", index, tmp.str("b")});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("nothing was published") != std::string::npos);
  CHECK(search_total(index) == 3);
  // --report writes the summary and the diagnostics as JSON.
  r = run_annosearch(
      {"build", "--quiet", "--index", index, "--report", tmp.str("report.json"), tmp.str("b")});
  CHECK(r.exit_code == 1);
  std::ifstream in(tmp.path() / "report.json");
  const auto report = nlohmann::json::parse(in);
  CHECK(report["indexed"] == 5);
  CHECK(report["rejected"] == 1);
  REQUIRE(report["diagnostics"].size() == 1);
  CHECK(report["diagnostics"][0]["id"] == "bad-1");
  CHECK(report["diagnostics"][0]["field"] == "date");
  CHECK(report["diagnostics"][0]["line"] == 6);
}

TEST_CASE("verify detects missing extra and stale documents", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 4);
  RunResult r = run_annosearch({"verify", "--index", index, tmp.str("a")});
  CHECK(r.exit_code == 0);
  CHECK(run_annosearch({"verify", "--index", index}).exit_code == 0);
  // c: 1..5 with 2 changed: missing syn-4, extra syn-0, stale syn-2.
  write_synthetic_corpus(tmp.path() / "c", 1, 5, 2, 3);
  r = run_annosearch({"verify", "--index", index, "--format", "json", tmp.str("c")});
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["consistent"] == false);
  CHECK(j["check_errors"] == 0);
  CHECK(j["missing"] == nlohmann::json::array({"syn-4"}));
  CHECK(j["extra"] == nlohmann::json::array({"syn-0"}));
  CHECK(j["stale"] == nlohmann::json::array({"syn-2"}));
  // Text output lists each difference on its own line.
  r = run_annosearch({"verify", "--index", index, tmp.str("c")});
  CHECK(r.out == "missing\tsyn-4\nextra\tsyn-0\nstale\tsyn-2\n");
  // update --prune repairs all three.
  CHECK(
      run_annosearch({"update", "--quiet", "--prune", "--index", index, tmp.str("c")}).exit_code ==
      0);
  CHECK(run_annosearch({"verify", "--index", index, tmp.str("c")}).exit_code == 0);
}

TEST_CASE("compact publishes a smaller generation with the same content", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 50);
  write_synthetic_corpus(tmp.path() / "b", 0, 50, 0, 25);
  REQUIRE(run_annosearch({"update", "--quiet", "--index", index, tmp.str("b")}).exit_code == 0);
  const RunResult r = run_annosearch({"compact", "--index", index});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("gen-000001") != std::string::npos);
  CHECK(r.err.find("gen-000002") != std::string::npos);
  CHECK(search_total(index) == 50);
  CHECK(run_annosearch({"verify", "--index", index, tmp.str("b")}).exit_code == 0);
  // xapian-check, the stock tool, accepts the published generation.
  const RunResult check = run_program({"/usr/bin/xapian-check", index + "/gen-000002"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No errors found") != std::string::npos);
}

TEST_CASE("a registry change reaches search without a rebuild", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 6);
  CHECK(run_annosearch({"search", "--index", index, "--actor", "Tolibonho"}).exit_code == 2);
  const RunResult before = run_annosearch({"stats", "--index", index, "--format", "json"});
  // A registry where the Taliban gain the alias "Tolibonho" (Tajik) and Tajikistan is gone.
  std::ifstream in(source_path("corpus/entities.jsonl"));
  std::ofstream out(tmp.path() / "entities.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto e = nlohmann::json::parse(line);
    if (e["id"] == "tajikistan") continue;
    if (e["id"] == "taliban") e["aliases"].push_back("Tolibonho");
    out << e.dump() << '\n';
  }
  out.close();
  // Only the registry changes: the input is the same documents.
  const RunResult r = run_annosearch({"update", "--index", index, "--format", "json", "--registry",
                                      tmp.str("entities.jsonl"), tmp.str("a/docs.jsonl")});
  const auto j = nlohmann::json::parse(r.out);
  CHECK(r.exit_code == 1);
  CHECK(j["unchanged"] == 3);  // the documents about the Taliban
  CHECK(j["rejected"] == 3);   // the ones naming tajikistan no longer validate
  CHECK(search_total(index, {"--actor", "Tolibonho"}) == 3);
  const RunResult after = run_annosearch({"stats", "--index", index, "--format", "json"});
  CHECK(nlohmann::json::parse(before.out)["registry_version"] !=
        nlohmann::json::parse(after.out)["registry_version"]);
  // Documents that name tajikistan were rejected by validation, not silently changed; the
  // indexed ones that still carry it are reported.
  CHECK(r.err.find("tajikistan") != std::string::npos);
  REQUIRE(j["unknown_entities"].size() == 1);
  CHECK(j["unknown_entities"][0]["id"] == "tajikistan");
  CHECK(j["unknown_entities"][0]["units"] == 6);
}

TEST_CASE("a second writer fails at once naming the lock", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 2);
  const std::string lock = index + "/annosearch.lock";
  const int fd = ::open(lock.c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  RunResult r = run_annosearch({"build", "--index", index, tmp.str("a")});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("locked by another writer") != std::string::npos);
  CHECK(r.err.find(lock) != std::string::npos);
  r = run_annosearch({"update", "--index", index, tmp.str("a")});
  CHECK(r.exit_code == 3);
  r = run_annosearch({"compact", "--index", index});
  CHECK(r.exit_code == 3);
  // Readers are not blocked by a writer.
  CHECK(search_total(index) == 2);
  ::close(fd);
  CHECK(run_annosearch({"update", "--quiet", "--index", index, tmp.str("a")}).exit_code == 0);
}

TEST_CASE("an index of another schema version is refused until rebuilt", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 2);
  {
    Xapian::WritableDatabase db(index + "/gen-000001", Xapian::DB_OPEN);
    db.set_metadata(std::string(annosearch::schema::kMetaSchemaVersion), "0");
    db.commit();
  }
  const std::string current = std::to_string(annosearch::schema::kSchemaVersion);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"search", "--index", index},
        std::vector<std::string>{"update", "--index", index, tmp.str("a")},
        std::vector<std::string>{"stats", "--index", index}}) {
    INFO(args[0]);
    const RunResult r = run_annosearch(args);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("schema version 0") != std::string::npos);
    CHECK(r.err.find("uses version " + current) != std::string::npos);
    CHECK(r.err.find("annosearch build --index " + index) != std::string::npos);
  }
  CHECK(run_annosearch({"build", "--quiet", "--index", index, tmp.str("a")}).exit_code == 0);
  CHECK(search_total(index) == 2);
}

TEST_CASE("a missing index is exit 3 with a way forward", "[maintenance]") {
  TempDir tmp;
  const RunResult r = run_annosearch({"search", "--index", tmp.str("nothing-here")});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("annosearch build") != std::string::npos);
}

TEST_CASE("update --prune keeps documents whose new record was rejected", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 4);
  // The input still has syn-1, but its record is now broken: it must not be pruned.
  write_synthetic_corpus(tmp.path() / "b", 0, 4);
  {
    std::ifstream in(tmp.path() / "b" / "docs.jsonl");
    std::string all;
    for (std::string line; std::getline(in, line);) {
      if (line.find("\"syn-1\"") != std::string::npos) {
        auto j = nlohmann::json::parse(line);
        j["date"] = "2021-13";
        line = j.dump();
      }
      all += line + "\n";
    }
    std::ofstream(tmp.path() / "b" / "docs.jsonl") << all;
  }
  RunResult r =
      run_annosearch({"update", "--index", index, "--prune", "--format", "json", tmp.str("b")});
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["rejected"] == 1);
  CHECK(j["deleted"] == 0);
  CHECK(search_total(index) == 4);
  // A rejected record without a readable id: prune is skipped altogether, with a warning.
  { std::ofstream(tmp.path() / "b" / "docs.jsonl", std::ios::app) << "{not json\n"; }
  write_synthetic_corpus(tmp.path() / "c", 0, 2);
  { std::ofstream(tmp.path() / "c" / "docs.jsonl", std::ios::app) << "{not json\n"; }
  r = run_annosearch({"update", "--index", index, "--prune", "--format", "json", tmp.str("c")});
  j = nlohmann::json::parse(r.out);
  CHECK(j["prune_skipped"] == true);
  CHECK(j["deleted"] == 0);
  CHECK(r.err.find("--prune was not applied") != std::string::npos);
  CHECK(search_total(index) == 4);
}

TEST_CASE("update with only a registry changes names without documents", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 4);
  std::ifstream in(source_path("corpus/entities.jsonl"));
  std::ofstream out(tmp.path() / "entities.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto e = nlohmann::json::parse(line);
    if (e["id"] == "taliban") e["name"] = "Islamic Emirate of Afghanistan";
    out << e.dump() << '\n';
  }
  out.close();
  const RunResult r = run_annosearch(
      {"update", "--index", index, "--registry", tmp.str("entities.jsonl"), "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(search_total(index, {"--actor", "Islamic Emirate of Afghanistan"}) == 2);
  // The name shows in facets at once.
  const RunResult f =
      run_annosearch({"facets", "--index", index, "--facets", "actor", "--format", "json"});
  CHECK(f.out.find("Islamic Emirate of Afghanistan") != std::string::npos);
  CHECK(run_annosearch({"update", "--index", index}).exit_code == 2);
  CHECK(run_annosearch(
            {"update", "--index", index, "--prune", "--registry", tmp.str("entities.jsonl")})
            .exit_code == 2);
}

TEST_CASE("writers other than build never create a missing index", "[maintenance]") {
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "a", 0, 2);
  const std::string missing = tmp.str("missing");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"update", "--index", missing, tmp.str("a")},
        std::vector<std::string>{"delete", "--index", missing, "syn-0"},
        std::vector<std::string>{"compact", "--index", missing}}) {
    INFO(args[0]);
    const RunResult r = run_annosearch(args);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("no index at " + missing) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(missing));
  }
}

TEST_CASE("a registry option takes one file so the input after it stays an input",
          "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 3);
  write_synthetic_corpus(tmp.path() / "b", 0, 5);
  const RunResult r = run_annosearch({"verify", "--index", index, "--format", "json", "--registry",
                                      tmp.str("b/entities.jsonl"), tmp.str("b")});
  CHECK(r.exit_code == 1);
  CHECK(nlohmann::json::parse(r.out)["missing"].size() == 2);
}

TEST_CASE("a taxonomy change re-tags indexed units without a rebuild", "[maintenance]") {
  TempDir tmp;
  const std::string index = build_index(tmp, 0, 6);  // themes: trade (i % 3 == 0) or security
  CHECK(search_total(index, {"--theme", "economy"}) == 2);
  CHECK(search_total(index, {"--theme", "diplomacy"}) == 0);
  // trade moves from economy to diplomacy.
  auto themes = nlohmann::json::parse(std::ifstream(source_path("corpus/themes.json")));
  for (auto& t : themes["themes"]) {
    if (t["id"] == "trade") t["parent"] = "diplomacy";
  }
  std::ofstream(tmp.path() / "themes.json") << themes.dump();
  const RunResult r = run_annosearch(
      {"update", "--index", index, "--themes", tmp.str("themes.json"), "--format", "json"});
  REQUIRE(r.exit_code == 0);
  // Two articles and their two passages each carry trade.
  CHECK(nlohmann::json::parse(r.out)["retagged"] == 6);
  CHECK(search_total(index, {"--theme", "economy"}) == 0);
  CHECK(search_total(index, {"--theme", "diplomacy"}) == 2);
  CHECK(search_total(index, {"--theme", "diplomacy", "--level", "passage"}) == 4);
}
