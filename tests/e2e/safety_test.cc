// End-to-end safety: kill -9 at many points of build, update and compact leaves the old or the new
// index, verify passes, and running the command again completes the work; searches running
// throughout build, update and compact all succeed and never see a partial index.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/e2e/synthetic_corpus.h"
#include "tests/support/temp_dir.h"

using namespace annosearch::test;

namespace {

constexpr int kKilled = 128 + 9;  // exit status of a process killed by SIGKILL

// True when the index verifies against the corpus directory (Xapian check + ids + hashes).
bool verifies_as(const std::string& index, const std::string& corpus) {
  return run_annosearch({"verify", "--index", index, corpus}).exit_code == 0;
}

}  // namespace

TEST_CASE("kill -9 during build leaves the old or the new index", "[safety]") {
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "old", 0, 20);
  write_synthetic_corpus(tmp.path() / "new", 0, 30, 0, 10);
  const std::string old_corpus = tmp.str("old");
  const std::string new_corpus = tmp.str("new");
  // Every place a build can die: after some documents, at each part's commit (3 parts of 10
  // documents, then the merged generation's commit), after a part is written, before and after
  // the parts are merged, just before and just after the stub is renamed into place; with two
  // jobs writing parts in parallel and with one.
  const std::pair<const char*, const char*> faults[] = {
      {"build.document:1", "2"},  {"build.document:15", "2"}, {"build.document:30", "2"},
      {"build.document:15", "1"}, {"build.commit:1", "2"},    {"build.commit:3", "2"},
      {"build.commit:4", "2"},    {"build.commit:4", "1"},    {"build.part:1", "2"},
      {"build.part:3", "2"},      {"build.merge:1", "2"},     {"build.merged:1", "2"},
      {"publish.rename:1", "2"},  {"build.publish:1", "2"},   {"build.cleanup:1", "2"}};
  for (const auto& [fault, jobs] : faults) {
    INFO("fault " << fault << " with --jobs " << jobs);
    const std::string index = tmp.str(std::string("idx-") + fault + "-" + jobs);
    REQUIRE(run_annosearch({"build", "--quiet", "--index", index, old_corpus}).exit_code == 0);
    const RunResult killed = run_annosearch_env(
        {std::string("ANNOSEARCH_FAULT=") + fault},
        {"build", "--quiet", "--jobs", jobs, "--commit-every", "10", "--index", index, new_corpus});
    CHECK(killed.exit_code == kKilled);
    CHECK(run_annosearch({"verify", "--index", index}).exit_code == 0);
    const bool is_old = verifies_as(index, old_corpus);
    const bool is_new = verifies_as(index, new_corpus);
    CHECK(is_old != is_new);  // exactly one of them
    const long total = search_total(index);
    CHECK((total == 20 || total == 30));
    // Running the same command again completes the work.
    REQUIRE(run_annosearch({"build", "--quiet", "--index", index, new_corpus}).exit_code == 0);
    CHECK(verifies_as(index, new_corpus));
    CHECK(search_total(index) == 30);
    // No part databases or unpublished generations are left behind.
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(index)) {
      const std::string name = e.path().filename().string();
      CHECK(name.find(".parts") == std::string::npos);
      if (name.rfind("gen-", 0) == 0) ++entries;
    }
    CHECK(entries <= 2);  // the published generation and the previous one
  }
}

TEST_CASE("kill -9 while merging groups of parts leaves the old index", "[safety]") {
  // 70 parts of one document: more than one merge group (64), so the parts are merged in two
  // rounds and the build dies after the first group.
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "old", 0, 20);
  write_synthetic_corpus(tmp.path() / "new", 0, 70);
  const std::string index = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, tmp.str("old")}).exit_code == 0);
  const RunResult killed = run_annosearch_env(
      {"ANNOSEARCH_FAULT=build.merge-group:1"},
      {"build", "--quiet", "--commit-every", "1", "--index", index, tmp.str("new")});
  CHECK(killed.exit_code == kKilled);
  CHECK(verifies_as(index, tmp.str("old")));
  REQUIRE(
      run_annosearch({"build", "--quiet", "--commit-every", "1", "--index", index, tmp.str("new")})
          .exit_code == 0);
  CHECK(verifies_as(index, tmp.str("new")));
  CHECK(search_total(index) == 70);
  CHECK(search_total(index, {"--level", "passage"}) == 140);
}

TEST_CASE("kill -9 during update or compact leaves the old or the new index", "[safety]") {
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "old", 0, 20);
  write_synthetic_corpus(tmp.path() / "new", 5, 30, 5, 12);
  const std::string old_corpus = tmp.str("old");
  const std::string new_corpus = tmp.str("new");
  const char* faults[] = {"update.document:1", "update.document:10", "update.commit:1"};
  for (const char* fault : faults) {
    INFO("fault " << fault);
    const std::string index = tmp.str(std::string("idx-") + fault);
    REQUIRE(run_annosearch({"build", "--quiet", "--index", index, old_corpus}).exit_code == 0);
    const RunResult killed =
        run_annosearch_env({std::string("ANNOSEARCH_FAULT=") + fault},
                           {"update", "--quiet", "--prune", "--index", index, new_corpus});
    CHECK(killed.exit_code == kKilled);
    CHECK(run_annosearch({"verify", "--index", index}).exit_code == 0);
    // update is one transaction: a killed update changed nothing.
    CHECK(verifies_as(index, old_corpus));
    REQUIRE(
        run_annosearch({"update", "--quiet", "--prune", "--index", index, new_corpus}).exit_code ==
        0);
    CHECK(verifies_as(index, new_corpus));
  }
  const std::string index = tmp.str("idx-compact");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, new_corpus}).exit_code == 0);
  const RunResult killed =
      run_annosearch_env({"ANNOSEARCH_FAULT=compact.publish:1"}, {"compact", "--index", index});
  CHECK(killed.exit_code == kKilled);
  CHECK(verifies_as(index, new_corpus));
  REQUIRE(run_annosearch({"compact", "--index", index}).exit_code == 0);
  CHECK(verifies_as(index, new_corpus));
}

TEST_CASE("searches running throughout build update and compact all succeed", "[safety]") {
  TempDir tmp;
  write_synthetic_corpus(tmp.path() / "a", 0, 300);
  write_synthetic_corpus(tmp.path() / "b", 0, 600, 0, 100);
  const std::string index = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", index, tmp.str("a")}).exit_code == 0);

  // A reader loop in another process: the real command, over and over, until told to stop. Each
  // search prints its JSON; a failure prints FAIL with the exit code.
  const std::string stop = tmp.str("stop");
  const std::string log = tmp.str("reader.log");
  const std::string script =
      "n=0; while [ ! -e '" + stop +
      "' ] || [ $n -lt 3 ]; do n=$((n+1)); "
      "out=$('" +
      annosearch_bin() + "' search --index '" + index +
      "' --format json --limit 1 --facets actor 2>&1) || { echo \"FAIL $? $out\"; continue; }; "
      "echo \"$out\" | tr -d '\\n' | sed -e 's/.*\"total\": *\\([0-9]*\\).*/TOTAL \\1/'; echo; "
      "done";
  const int reader = spawn_background({"/bin/sh", "-c", script}, log);

  auto writer = [&](const std::vector<std::string>& args) {
    const RunResult r = run_annosearch(args);
    INFO(r.err);
    CHECK(r.exit_code == 0);
  };
  writer({"build", "--quiet", "--commit-every", "50", "--index", index, tmp.str("b")});
  writer({"build", "--quiet", "--index", index, tmp.str("a")});
  writer({"update", "--quiet", "--prune", "--index", index, tmp.str("b")});
  writer({"compact", "--quiet", "--index", index});
  writer({"update", "--quiet", "--prune", "--index", index, tmp.str("a")});
  { std::ofstream(stop) << "stop\n"; }
  CHECK(wait_for(reader) == 0);

  std::ifstream in(log);
  std::size_t searches = 0;
  std::set<std::string> totals;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    INFO(line);
    CHECK(line.rfind("TOTAL ", 0) == 0);  // no FAIL lines
    totals.insert(line);
    ++searches;
  }
  CHECK(searches >= 5);
  // Only whole indexes were ever seen: 300 or 600 articles, nothing in between.
  for (const auto& t : totals) CHECK((t == "TOTAL 300" || t == "TOTAL 600"));
}
