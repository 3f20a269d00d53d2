// Regression tests of the hardening issue (#11), one TEST_CASE per numbered item: input that used
// to lose data, a stub file that ran a program, ignored output errors, non-UTF-8 names in JSON and
// control characters reaching the terminal. Each runs the real command on a small temporary corpus.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
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

std::string doc(const std::string& id, const std::string& text = "hello world") {
  return R"({"id":")" + id + R"(","text":")" + text + "\"}\n";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Runs a shell command line (for redirections such as > /dev/full).
RunResult shell(const std::string& line) { return run_program({"/bin/sh", "-c", line}); }

}  // namespace

TEST_CASE("hardening 1: an over-long id is a located error and the other documents are indexed",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string long_id(300, 'x');
  const std::string input = tmp.write("d.jsonl", doc("good") + doc(long_id));
  const std::string expected = input + ":2: id=" + long_id +
                               ": id: id is 300 bytes long; at most 200 are allowed (it becomes a "
                               "search term, and Xapian's terms are limited to 245 bytes)\n";
  const RunResult v = run_annosearch({"validate", input});
  CHECK(v.exit_code == 1);
  CHECK(v.out == expected);

  const std::string report = tmp.str("report.json");
  const RunResult b =
      run_annosearch({"build", "-q", "--index", tmp.str("idx"), "--report", report, input});
  CHECK(b.exit_code == 1);
  CHECK(b.err == expected);
  CHECK(search_total(tmp.str("idx")) == 1);
  const auto j = nlohmann::json::parse(read_file(report));
  CHECK(j.at("indexed") == 1);
  CHECK(j.at("rejected") == 1);

  // update as well, and a long source (folded) and a long entity id in the registry
  const std::string more =
      tmp.write("more.jsonl", R"({"id":"s","text":"hi","source":")" + std::string(250, 's') +
                                  "\"}\n" + doc("fine"));
  const RunResult u = run_annosearch({"update", "-q", "--index", tmp.str("idx"), more});
  CHECK(u.exit_code == 1);
  CHECK(contains(u.err, more + ":1: id=s: source: the source (case-folded) is 250 bytes long"));
  CHECK(search_total(tmp.str("idx")) == 2);

  const std::string reg = tmp.write(
      "reg/entities.jsonl", R"({"id":")" + std::string(201, 'e') +
                                R"(","name":"E","type":"PERSON","description":"d"})" + "\n");
  const RunResult r = run_annosearch({"validate", "--registry", reg, input});
  CHECK(contains(r.out, reg + ":1: id=" + std::string(201, 'e') + ": id: id is 201 bytes long"));
}

TEST_CASE("hardening 2: a build that reads no document does not replace the published index",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string corpus = tmp.write("corpus/a.jsonl", doc("a") + doc("b"));
  const std::string idx = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "-q", "--index", idx, tmp.str("corpus")}).exit_code == 0);
  const RunResult typo = run_annosearch({"build", "-q", "--index", idx, tmp.str("corpsu")});
  CHECK(typo.exit_code == 1);
  CHECK(contains(typo.err, "no such file or directory"));
  CHECK(contains(typo.err,
                 "build: no document was indexed (0 record(s) read, 0 rejected); "
                 "nothing was published and the index at " +
                     idx + " is unchanged"));
  CHECK(search_total(idx) == 2);
  // Only the published generation is left: the refused one was removed at once.
  CHECK(read_file(idx + "/XAPIANDB") == "auto gen-000001\n");
  CHECK_FALSE(fs::exists(idx + "/gen-000002"));
  // Every record rejected counts as reading no document too.
  const std::string bad = tmp.write("bad.jsonl", "{\"id\":\"x\"}\n");
  CHECK(run_annosearch({"build", "-q", "--index", idx, bad}).exit_code == 1);
  CHECK(search_total(idx) == 2);
  // --allow-empty publishes the empty index on purpose.
  CHECK(run_annosearch({"build", "-q", "--allow-empty", "--index", idx, tmp.str("corpsu")})
            .exit_code == 1);
  CHECK(search_total(idx) == 0);
}

TEST_CASE("hardening 3: update --prune never deletes what it could not read", "[e2e][hardening]") {
  TempDir tmp;
  tmp.write("c/one/a.jsonl", doc("a"));
  tmp.write("c/two/b.jsonl", doc("b"));
  tmp.write("c/two/c.jsonl", doc("c"));
  const std::string corpus = tmp.str("c");
  const std::string idx = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "-q", "--index", idx, corpus}).exit_code == 0);

  SECTION("a dangling symlink is an error and prune is not applied") {
    fs::create_symlink(tmp.str("gone.jsonl"), tmp.str("c/one/d.jsonl"));
    fs::rename(tmp.str("c/two/c.jsonl"), tmp.str("c-moved.jsonl"));
    const RunResult r = run_annosearch({"update", "-q", "--prune", "--index", idx, corpus});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, tmp.str("c/one/d.jsonl") +
                              ":0: id=?: -: cannot follow the symbolic link (its target does not "
                              "exist); restore its target or remove it"));
    CHECK(contains(r.err, "--prune was not applied"));
    CHECK(search_total(idx) == 3);
    CHECK(run_annosearch({"verify", "--index", idx, corpus}).exit_code == 1);
  }
  SECTION("a symlink loop is an error") {
    fs::create_symlink(tmp.str("c/one/loop.jsonl"), tmp.str("c/one/loop.jsonl"));
    const RunResult r = run_annosearch({"update", "-q", "--prune", "--index", idx, corpus});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, tmp.str("c/one/loop.jsonl") +
                              ":0: id=?: -: cannot follow the symbolic "
                              "link (Too many levels of symbolic links)"));
    CHECK(search_total(idx) == 3);
  }
  SECTION("an unreadable directory is an error (as a user without the permission)") {
    // root reads everything; drop to nobody with setpriv when we are root.
    fs::permissions(tmp.path(), fs::perms::all);
    for (const auto& e : fs::recursive_directory_iterator(tmp.path())) {
      fs::permissions(e.path(), fs::perms::all, fs::perm_options::replace);
    }
    fs::permissions(tmp.str("c/two"), fs::perms::none);
    const std::vector<std::string> cmd{annosearch_bin(), "update", "-q",  "--prune",
                                       "--index",        idx,      corpus};
    std::vector<std::string> argv = cmd;
    if (::geteuid() == 0) {
      argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
      argv.insert(argv.end(), cmd.begin(), cmd.end());
    }
    const RunResult r = run_program(argv);
    fs::permissions(tmp.str("c/two"), fs::perms::all);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err,
                   tmp.str("c/two") + ":0: id=?: -: cannot read the directory: Permission denied"));
    CHECK(search_total(idx) == 3);
  }
  SECTION("an empty directory (an unmounted archive) prunes nothing without --force") {
    fs::create_directories(tmp.str("empty"));
    const RunResult r =
        run_annosearch({"update", "-q", "--prune", "--index", idx, tmp.str("empty")});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err,
                   "update: --prune would delete 3 of the 3 indexed documents (more than "
                   "half); nothing was changed"));
    CHECK(search_total(idx) == 3);
    CHECK(run_annosearch({"update", "-q", "--prune", "--force", "--index", idx, tmp.str("empty")})
              .exit_code == 0);
    CHECK(search_total(idx) == 0);
  }
  SECTION("a prune of less than half goes ahead") {
    fs::remove(tmp.str("c/two/c.jsonl"));
    CHECK(run_annosearch({"update", "-q", "--prune", "--index", idx, corpus}).exit_code == 0);
    CHECK(search_total(idx) == 2);
  }
}

TEST_CASE("hardening 4: a stub file not written by annosearch is refused before Xapian reads it",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string corpus = tmp.write("c/a.jsonl", doc("a"));
  const std::string victim = tmp.str("victim");
  REQUIRE(run_annosearch({"build", "-q", "--index", victim, tmp.str("c")}).exit_code == 0);
  const std::string pwned = tmp.str("PWNED");
  const std::string idx = tmp.str("idx");
  fs::create_directories(idx);
  const std::vector<std::string> stubs{"remote :touch " + pwned + "\n",
                                       "auto ../victim/gen-000001\n",
                                       "auto /etc\n",
                                       "glass " + victim + "/gen-000001\n",
                                       "auto gen-000001 extra\n",
                                       "auto gen-1\n",
                                       ""};
  for (const auto& stub : stubs) {
    INFO("stub: " << stub);
    tmp.write("idx/XAPIANDB", stub);
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"search", "--index", idx, "x"},
                                               {"facets", "--index", idx},
                                               {"stats", "--index", idx},
                                               {"verify", "--index", idx},
                                               {"update", "--index", idx, corpus},
                                               {"delete", "--index", idx, "a"},
                                               {"compact", "--index", idx},
                                               {"build", "--index", idx, corpus}}) {
      INFO(args[0]);
      const RunResult r = run_annosearch(args);
      CHECK(r.exit_code == 3);
      CHECK(contains(r.err, "the stub file " + idx + "/XAPIANDB"));
    }
    CHECK_FALSE(fs::exists(pwned));
  }
  CHECK(run_annosearch({"verify", "--index", victim, tmp.str("c")}).exit_code == 0);
  CHECK(read_file(victim + "/XAPIANDB") == "auto gen-000001\n");
  // A file given as --index is never read as a stub.
  const std::string file = tmp.write("stubfile", "remote :touch " + pwned + "\n");
  const RunResult f = run_annosearch({"search", "--index", file, "x"});
  CHECK(f.exit_code == 3);
  CHECK(contains(f.err, file + " is not a directory"));
  CHECK_FALSE(fs::exists(pwned));
  // Nor a stub inside the generation directory.
  tmp.write("victim/gen-000001/XAPIANDB", "remote :touch " + pwned + "\n");
  CHECK(search_total(victim) == 1);
  CHECK_FALSE(fs::exists(pwned));
}

TEST_CASE("hardening 5: a failed write of the output or of a report exits 4", "[e2e][hardening]") {
  TempDir tmp;
  tmp.write("c/a.jsonl", doc("a"));
  const std::string idx = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "-q", "--index", idx, tmp.str("c")}).exit_code == 0);
  const std::string bin = annosearch_bin();
  const std::string at = " --index " + idx;
  for (const std::string& args :
       {" search --level passage --limit 100 --format json hello" + at, " search hello" + at,
        " facets --format csv" + at, " stats" + at, " validate --format json " + tmp.str("c"),
        " update --format json -q " + tmp.str("c") + at}) {
    INFO(args);
    const RunResult r = shell(bin + args + " > /dev/full");
    CHECK(r.exit_code == 4);
    CHECK(contains(r.err, "annosearch: cannot write the output: "));
  }
  const RunResult rep =
      run_annosearch({"build", "-q", "--index", idx, "--report", "/dev/full", tmp.str("c")});
  CHECK(rep.exit_code == 4);
  CHECK(contains(rep.err, "cannot write the report to /dev/full: No space left on device"));
}

TEST_CASE("hardening 6: a file name that is not UTF-8 does not break JSON output",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string name = tmp.str("bad\xff.jsonl");
  tmp.write("bad\xff.jsonl", doc("a") + "{\"id\":\"b\"}\n");
  const RunResult v = run_annosearch({"validate", "--format", "json", name});
  CHECK(v.exit_code == 1);
  const auto j = nlohmann::json::parse(v.out);
  CHECK(j.at("diagnostics").at(0).at("file") == tmp.str("bad\xEF\xBF\xBD.jsonl"));
  const std::string report = tmp.str("report.json");
  const RunResult b =
      run_annosearch({"build", "-q", "--index", tmp.str("idx"), "--report", report, name});
  CHECK(b.exit_code == 1);
  const auto r = nlohmann::json::parse(read_file(report));
  CHECK(r.at("indexed") == 1);
  CHECK(r.at("diagnostics").at(0).at("field") == "text");
  // The text diagnostic shows the byte escaped.
  CHECK(contains(b.err, tmp.str("bad\\xff.jsonl") + ":2: id=b: text: missing required field"));
}

TEST_CASE("hardening 7: control characters are escaped, and CSV formulas neutralised",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string input = tmp.write(
      "f.jsonl",
      R"({"id":"a\nf.jsonl:9: id=fake: -: forged","text":"x"})"
      "\n"
      R"j({"id":"t","title":"\u001b]0;pwned\u0007Title\u0000","text":"hi there","source":"=HYPERLINK(\"x\")"})j"
      "\n");
  const RunResult v = run_annosearch({"validate", input});
  CHECK(v.exit_code == 1);
  CHECK(v.out == input +
                     R"(:1: id=a\nf.jsonl:9: id=fake: -: forged: id: id "a\nf.jsonl:9: id=fake: )"
                     R"(-: forged" may contain only letters, digits and ._:/-)"
                     "\n");
  const std::string idx = tmp.str("idx");
  CHECK(run_annosearch({"build", "-q", "--index", idx, input}).exit_code == 1);
  const RunResult s = run_annosearch({"search", "--index", idx, "hi"});
  CHECK(s.exit_code == 0);
  CHECK(contains(s.out, R"( 1. \x1b]0;pwned\x07Title\x00)"));
  CHECK(s.out.find('\x1b') == std::string::npos);
  CHECK(s.out.find('\x07') == std::string::npos);
  CHECK(s.out.find('\0') == std::string::npos);
  const RunResult csv = run_annosearch({"search", "--index", idx, "--format", "csv", "hi"});
  CHECK(contains(csv.out, R"j(,"'=HYPERLINK(""x"")",)j"));
}

TEST_CASE("hardening 9: an unknown subcommand is named", "[e2e][hardening]") {
  const RunResult r = run_annosearch({"serach", "x"});
  CHECK(r.exit_code == 2);
  // The list grows with every new command: check its shape, not every name.
  CHECK_THAT(r.err, Catch::StartsWith("annosearch: unknown command \"serach\"; the commands are "
                                      "validate, build, search, facets, "));
  CHECK_THAT(r.err, Catch::EndsWith("; see `annosearch --help`\n"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("hardening 10: a crash inside Xapian's check ends verify with exit 3",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string idx = tmp.str("idx");
  fs::copy(source_path("tests/fixtures/corrupt-index"), idx, fs::copy_options::recursive);
  // Precondition: the fixture still crashes the stock tool (see its README).
  const RunResult stock = run_program({"/usr/bin/xapian-check", idx + "/gen-000001"});
  REQUIRE(stock.exit_code > 128);
  const RunResult r = run_annosearch({"verify", "--index", idx});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "annosearch: checking the index at " + idx + "/gen-000001 crashed ("));
  CHECK(contains(r.err,
                 "): the index is corrupt; rebuild it from the archive with `annosearch "
                 "build --index " +
                     idx + " INPUT...`"));
}

namespace {

// Runs the command as user nobody (setpriv) when we are root, else as ourselves.
RunResult run_unprivileged(const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  if (::geteuid() == 0)
    argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  argv.push_back(annosearch_bin());
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv);
}

// Builds a corpus of `n` documents of 50 distinct words each (about 1.5 KB of index a document).
std::string big_corpus(const TempDir& tmp, const std::string& name, int n) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    std::string words;
    for (int j = 0; j < 50; ++j) words += "w" + std::to_string(i) + "x" + std::to_string(j) + " ";
    text += doc("n" + std::to_string(i), words);
  }
  return tmp.write(name, text);
}

bool only_generation(const std::string& idx, const std::string& gen) {
  for (const auto& e : fs::directory_iterator(idx)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("gen-", 0) == 0 && name != gen) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("hardening 11: a failed write cleans up at once and exits 4 for build and update",
          "[e2e][hardening]") {
  TempDir tmp;
  tmp.write("c/a.jsonl", doc("a") + doc("b"));
  const std::string idx = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "-q", "--index", idx, tmp.str("c")}).exit_code == 0);
  const std::string big = big_corpus(tmp, "big.jsonl", 400);
  // A file size limit makes Xapian's writes fail (EFBIG) as a full disk would (ENOSPC).
  const std::string limited = "trap '' XFSZ; ulimit -f 64; exec " + annosearch_bin();
  const RunResult b = shell(limited + " build -q --index " + idx + " " + big);
  CHECK(b.exit_code == 4);
  CHECK(contains(b.err, "(File too large)"));
  CHECK(only_generation(idx, "gen-000001"));  // the failed generation is gone already
  CHECK(search_total(idx) == 2);
  const RunResult u = shell(limited + " update -q --index " + idx + " " + big);
  CHECK(u.exit_code == 4);
  CHECK(contains(u.err, "annosearch: cannot read or write the index: DatabaseError: "));
  CHECK(
      contains(u.err, "(File too large); nothing was changed (the published index is as it was)"));
  CHECK(search_total(idx) == 2);
  CHECK(run_annosearch({"verify", "--index", idx, tmp.str("c")}).exit_code == 0);
}

TEST_CASE("hardening 11: a full disk (a small tmpfs) leaves the index as it was",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string mnt = tmp.str("mnt");
  fs::create_directories(mnt);
  if (run_program({"/bin/mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt}).exit_code != 0) {
    WARN(
        "skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); the file-size-limit "
        "test covers the same code");
    return;
  }
  tmp.write("c/a.jsonl", doc("a") + doc("b"));
  const std::string idx = mnt + "/idx";
  const std::string big = big_corpus(tmp, "big.jsonl", 2000);
  const bool built = run_annosearch({"build", "-q", "--index", idx, tmp.str("c")}).exit_code == 0;
  const RunResult b = run_annosearch({"build", "-q", "--index", idx, big});
  const RunResult u = run_annosearch({"update", "-q", "--index", idx, big});
  const bool clean = only_generation(idx, "gen-000001");
  const long total = search_total(idx);
  run_program({"/bin/umount", mnt});
  CHECK(built);
  CHECK(b.exit_code == 4);
  CHECK(contains(b.err, "No space left on device"));
  CHECK(u.exit_code == 4);
  CHECK(contains(u.err, "No space left on device"));
  CHECK(clean);
  CHECK(total == 2);
}

TEST_CASE("hardening 11: each broken index state has its own message", "[e2e][hardening]") {
  TempDir tmp;
  tmp.write("c/a.jsonl", doc("a"));
  const std::string idx = tmp.str("idx");
  REQUIRE(run_annosearch({"build", "-q", "--index", idx, tmp.str("c")}).exit_code == 0);

  SECTION("verify needs no write access") {
    for (const auto& e : fs::recursive_directory_iterator(tmp.path())) {
      fs::permissions(e.path(), fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
    }
    fs::permissions(tmp.path(),
                    fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    const RunResult r = run_unprivileged({"verify", "--index", idx, tmp.str("c")});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "verify: consistent: 1 documents"));
    if (::geteuid() == 0) CHECK(contains(r.err, "every table was read read-only instead"));
  }
  SECTION("a missing generation") {
    fs::remove_all(idx + "/gen-000001");
    const RunResult r = run_annosearch({"search", "--index", idx, "x"});
    CHECK(r.exit_code == 3);
    CHECK(r.err == "annosearch: the index at " + idx +
                       " publishes generation gen-000001, which is missing (deleted or never "
                       "completed); rebuild it from the archive with `annosearch build --index " +
                       idx + " INPUT...`\n");
    // build replaces it
    CHECK(run_annosearch({"build", "-q", "--index", idx, tmp.str("c")}).exit_code == 0);
    CHECK(search_total(idx) == 1);
  }
  SECTION("an empty stub") {
    tmp.write("idx/XAPIANDB", "");
    const RunResult r = run_annosearch({"stats", "--index", idx});
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "the stub file " + idx + "/XAPIANDB is empty"));
  }
  SECTION("nothing published yet") {
    fs::remove(idx + "/XAPIANDB");
    const RunResult r = run_annosearch({"search", "--index", idx, "x"});
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "nothing is published at " + idx));
  }
  SECTION("deleting the lock file lets no second writer in") {
    const std::string log = tmp.str("first.log");
    const int first = spawn_background(
        {"/usr/bin/env", "ANNOSEARCH_FAULT=build.document:1", "ANNOSEARCH_FAULT_SIGNAL=STOP",
         annosearch_bin(), "build", "-q", "--index", idx, tmp.str("c")},
        log);
    // Wait until the first build has stopped inside its work, holding the lock.
    bool stopped = false;
    for (int i = 0; i < 500 && !stopped; ++i) {
      const std::string stat = read_file("/proc/" + std::to_string(first) + "/stat");
      const std::size_t paren = stat.rfind(')');
      stopped = paren != std::string::npos && stat.size() > paren + 2 && stat[paren + 2] == 'T';
      if (!stopped) ::usleep(10000);
    }
    REQUIRE(stopped);
    fs::remove(idx + "/annosearch.lock");
    const RunResult second = run_annosearch({"build", "-q", "--index", idx, tmp.str("c")});
    ::kill(first, SIGKILL);
    wait_for(first);
    CHECK(second.exit_code == 3);
    CHECK(contains(second.err, "is locked by another writer"));
    CHECK(search_total(idx) == 1);
  }
}

TEST_CASE("hardening 12: a syntax error's column counts from the start of the line",
          "[e2e][hardening]") {
  TempDir tmp;
  // The second element starts at column 25; the bad `x` is at column 46 of line 1.
  const std::string input =
      tmp.write("arr.json",
                "[{\"id\":\"a\",\"text\":\"x\"}, {\"id\":\"b\",\"text\":\"y\" x},\n"
                " {\"id\":\"c\",\"text\":\"é\", x}]\n");
  const RunResult r = run_annosearch({"validate", input});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, input + ":1: id=?: -: invalid JSON at line 1, column 46: "));
  // On the next line: `x` is the 24th character (é counts once).
  CHECK(contains(r.out, input + ":2: id=?: -: invalid JSON at line 2, column 24: "));
}
