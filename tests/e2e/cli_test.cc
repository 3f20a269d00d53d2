// End-to-end: the command's common behaviour: --version, --help everywhere, usage errors, options
// that are not available yet.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/schema.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

TEST_CASE("version names the index schema and the libraries", "[cli]") {
  const RunResult r = run_annosearch({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("annosearch 0.") == 0);
  CHECK(r.out.find("index schema version " + std::to_string(annosearch::schema::kSchemaVersion)) !=
        std::string::npos);
  CHECK(r.out.find("Xapian 1.4") != std::string::npos);
  CHECK(r.out.find("ICU ") != std::string::npos);
}

TEST_CASE("every subcommand has help", "[cli]") {
  for (const char* sub : {"validate", "build", "search", "facets", "stats", "import", "update",
                          "delete", "verify", "compact", "entities", "export", "kwic", "timeline",
                          "cooccur", "show", "compare", "annotate", "serve"}) {
    INFO(sub);
    const RunResult r = run_annosearch({sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage:") != std::string::npos);
  }
}

// main.cc registers only the command named by the first argument (every one otherwise): each
// command the overview lists must then parse and print its own help, alone.
TEST_CASE("every command of the overview runs alone with its own help", "[cli]") {
  const RunResult overview = run_annosearch({"--help"});
  REQUIRE(overview.exit_code == 0);
  const auto at = overview.out.find("Subcommands:\n");
  REQUIRE(at != std::string::npos);
  std::istringstream lines(overview.out.substr(at + 13));
  std::vector<std::string> names;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  ", 0) != 0 || line.size() < 3 || line[2] == ' ') continue;
    names.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  CHECK(names.size() == 20);
  for (const auto& name : names) {
    INFO(name);
    const RunResult r = run_annosearch({name, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage: annosearch " + name + " ") != std::string::npos);
  }
}

TEST_CASE("annosearch without a command lists the commands and exits 2", "[cli]") {
  const RunResult r = run_annosearch({});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  for (const char* sub : {"build", "search", "facets", "kwic", "timeline", "export", "serve"}) {
    INFO(sub);
    CHECK(r.err.find(std::string("\n  ") + sub + " ") != std::string::npos);
  }
  CHECK(r.err.find("annosearch build --index DIR INPUT...") != std::string::npos);
}

TEST_CASE("usage errors are one line and exit 2", "[cli]") {
  RunResult r = run_annosearch({"no-such-command"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("annosearch: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = run_annosearch({"search", "--format", "xml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("xml not in {text,json,jsonl,csv}") != std::string::npos);
}

TEST_CASE("options of later work are refused with a clear message", "[cli]") {
  TempDir tmp;
  RunResult r = run_annosearch({"build", "--index", tmp.str("i"), "--shards", "2"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--shards above 1 is not available yet") != std::string::npos);
  // --annotate auto and off both index the input's annotations (no annotator yet).
  CHECK(run_annosearch({"build", "--quiet", "--annotate", "off", "--index", tmp.str("i"),
                        source_path("corpus")})
            .exit_code == 0);
  r = run_annosearch({"search", "--index", tmp.str("i"), "--type", "PLANET"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no entity of type PLANET in the registry; the types are ") !=
        std::string::npos);
  CHECK(run_annosearch({"facets", "--index", tmp.str("i"), "--limit", "3", "--sort", "date"})
            .exit_code == 0);
}
