// The catalogue of hostile inputs (tests/hostile/README.md): each case gives exactly the expected
// diagnostics, and the good record beside it is indexed.
#include <algorithm>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/e2e/synthetic_corpus.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;
namespace fs = std::filesystem;

namespace {

const std::string kGood = "{\"id\":\"good\",\"text\":\"A good record beside the hostile one.\"}\n";

std::vector<std::string> registry_args() {
  return {"--registry", source_path("tests/fixtures/validate/registry/entities.jsonl"), "--themes",
          source_path("tests/fixtures/validate/registry/themes.json")};
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// Runs validate and build on `input`; checks the diagnostics and the number indexed, and that the
// good record is found.
void check_case(const std::string& input, const std::string& expected_diagnostics,
                long expected_indexed) {
  std::vector<std::string> args{"validate"};
  const auto reg = registry_args();
  args.insert(args.end(), reg.begin(), reg.end());
  args.push_back(input);
  const RunResult v = run_annosearch(args);
  CHECK(v.out == expected_diagnostics);

  TempDir tmp;
  const std::string idx = tmp.str("idx");
  const std::string report = tmp.str("report.json");
  std::vector<std::string> build{"build", "-q", "--index", idx, "--report", report};
  build.insert(build.end(), reg.begin(), reg.end());
  build.push_back(input);
  const RunResult b = run_annosearch(build);
  CHECK((b.exit_code == 0 || b.exit_code == 1));
  const auto j = nlohmann::json::parse(read_file(report));
  CHECK(j.at("indexed").get<long>() == expected_indexed);
  CHECK(search_total(idx, {"beside"}) == 1);  // the good record
}

}  // namespace

TEST_CASE("hostile catalogue: every case in tests/hostile", "[e2e][hostile]") {
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(source_path("tests/hostile"))) {
    if (e.path().extension() == ".jsonl") cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 18);
  for (const auto& input : cases) {
    DYNAMIC_SECTION(input.stem().string()) {
      fs::path expected_path = input;
      expected_path.replace_extension(".expected");
      const std::string expected = read_file(expected_path.string());
      REQUIRE(expected.rfind("indexed ", 0) == 0);
      const std::size_t eol = expected.find('\n');
      const long indexed = std::stol(expected.substr(8, eol - 8));
      const std::string diagnostics = replace_all(expected.substr(eol + 1), "FILE", input.string());
      check_case(input.string(), diagnostics, indexed);
    }
  }
}

TEST_CASE("hostile catalogue: a 1,000,000-character line", "[e2e][hostile]") {
  TempDir tmp;
  const std::string input = tmp.write("long-line.jsonl", kGood + "{\"id\":\"long\",\"text\":\"" +
                                                             std::string(1000000, 'a') + "\"}\n");
  // One word of a million letters: longer than any term, so not indexed as a word, but the
  // document is accepted and indexed.
  check_case(input, "", 2);
}

TEST_CASE("hostile catalogue: files that are not regular files", "[e2e][hostile]") {
  TempDir tmp;
  tmp.write("c/good.jsonl", kGood);
  const std::string dir = tmp.str("c");
  SECTION("a FIFO inside a corpus directory is an error, not a hang") {
    REQUIRE(::mkfifo(tmp.str("c/pipe.jsonl").c_str(), 0644) == 0);
    check_case(dir,
               tmp.str("c/pipe.jsonl") +
                   ":0: id=?: -: is not a regular file (a FIFO, socket or device); give it as an "
                   "INPUT explicitly to read it\n",
               1);
  }
  SECTION("a symlink loop") {
    fs::create_symlink(tmp.str("c/loop.jsonl"), tmp.str("c/loop.jsonl"));
    check_case(dir,
               tmp.str("c/loop.jsonl") +
                   ":0: id=?: -: cannot follow the symbolic link (Too many levels of symbolic "
                   "links); restore its target or remove it\n",
               1);
  }
  SECTION("an unreadable file") {
    const std::string secret = tmp.write("c/secret.jsonl", "{\"id\":\"s\",\"text\":\"x\"}\n");
    fs::permissions(secret, fs::perms::none);
    if (::geteuid() == 0) {
      WARN("skipped: root reads files without read permission");
    } else {
      check_case(dir, secret + ":0: id=?: -: cannot open: Permission denied\n", 1);
    }
  }
}
