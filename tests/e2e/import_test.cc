// `annosearch import`: the command on the fixtures (exit codes, summary, progress), and the whole
// Reuters-21578 collection checked against an independent count (tests/scripts/reuters_counts.py).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using annosearch::test::require_shared_path;
using annosearch::test::run_annosearch;
using annosearch::test::run_program;
using annosearch::test::source_path;
using annosearch::test::TempDir;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> file_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

const std::string kReutersFixture = source_path("tests/fixtures/import/reuters21578");

}  // namespace

TEST_CASE("import reuters21578 writes a corpus directory and a summary", "[e2e][import]") {
  TempDir tmp;
  const std::string out = tmp.str("corpus");
  const auto r = run_annosearch({"import", "reuters21578", kReutersFixture, "-o", out});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  const auto err = lines_of(r.err);
  REQUIRE(err.size() == 5);
  CHECK(err[0] == kReutersFixture +
                      "/reut2-000.sgm:26: id=reuters-2: date: warning: malformed DATE "
                      "\"31-MAR-1987 605:12:19.12\" (bad hour; expected DD-MON-YYYY hh:mm:ss.cc); "
                      "the document is kept without a date");
  CHECK(err[3] == "import: 5 documents written to " + out + " (3 warnings); 8 entities, 4 themes");
  // Which gazetteer files were read (system files; tools/setup.sh installs them) or that none was.
  CHECK(err[4].rfind("import: gazetteer: ", 0) == 0);
  if (std::filesystem::exists("/usr/share/libgweather-4/Locations.xml")) {
    CHECK(err[4].find("/usr/share/libgweather-4/Locations.xml") != std::string::npos);
    CHECK(err[4].find(" city and ") != std::string::npos);
  } else {
    CHECK(err[4].find("no gazetteer file found") != std::string::npos);
  }
  const auto docs = file_lines(out + "/documents.jsonl");
  REQUIRE(docs.size() == 5);
  CHECK(nlohmann::json::parse(docs[0])["id"] == "reuters-1");
  CHECK(nlohmann::json::parse(docs[4])["id"] == "reuters-5");
  CHECK(file_lines(out + "/entities.jsonl").size() == 8);
  CHECK(std::filesystem::exists(out + "/themes.json"));
  CHECK_FALSE(std::filesystem::exists(out + "/documents.jsonl.tmp"));
  // What import writes is valid corpus format.
  const auto v = run_annosearch({"validate", out});
  INFO(v.out + v.err);
  CHECK(v.exit_code == 0);
  CHECK((v.out + v.err).find("5 documents checked, 0 errors, 0 warnings") != std::string::npos);
}

TEST_CASE("import --quiet prints the diagnostics only", "[e2e][import]") {
  TempDir tmp;
  const auto r =
      run_annosearch({"import", "reuters21578", kReutersFixture, "-o", tmp.str("c"), "--quiet"});
  CHECK(r.exit_code == 0);
  const auto err = lines_of(r.err);
  REQUIRE(err.size() == 3);
  CHECK(err[2].find("id=reuters-5: date: warning: the DATE carries a note") != std::string::npos);
}

TEST_CASE("import --progress json reports progress as JSON lines", "[e2e][import]") {
  TempDir tmp;
  const auto r = run_annosearch(
      {"import", "reuters21578", kReutersFixture, "-o", tmp.str("c"), "--progress", "json"});
  CHECK(r.exit_code == 0);
  std::vector<nlohmann::json> events;
  for (const auto& line : lines_of(r.err)) {
    if (!line.empty() && line[0] == '{') events.push_back(nlohmann::json::parse(line));
  }
  REQUIRE(events.size() >= 2);  // the first record, then done
  CHECK(events.front()["task"] == "import");
  CHECK(events.front()["total"] == 5);
  CHECK(events.front().contains("eta_s"));
  const auto& done = events.back();
  CHECK(done["event"] == "done");
  CHECK(done["done"] == 5);
  CHECK(done["total"] == 5);
  CHECK(done.contains("rate"));
  CHECK(done.contains("elapsed_s"));
  // Without a terminal, auto mode prints no progress at all.
  const auto quiet =
      run_annosearch({"import", "reuters21578", kReutersFixture, "-o", tmp.str("d")});
  CHECK(quiet.err.find('{') == std::string::npos);
  CHECK(quiet.err.find('\r') == std::string::npos);
}

TEST_CASE("import usage errors exit 2", "[e2e][import]") {
  TempDir tmp;
  const auto unknown = run_annosearch({"import", "conll", kReutersFixture, "-o", tmp.str("c")});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("conll") != std::string::npos);
  const auto no_output = run_annosearch({"import", "reuters21578", kReutersFixture});
  CHECK(no_output.exit_code == 2);
  const auto bad_date = run_annosearch({"import", "text", source_path("tests/fixtures/import/text"),
                                        "-o", tmp.str("c"), "--date", "2021-13"});
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.err ==
        "annosearch: --date 2021-13: month 13 does not exist (use YYYY, YYYY-MM, YYYY-MM-DD or an "
        "ISO 8601 time)\n");
  const auto date_for_reuters = run_annosearch(
      {"import", "reuters21578", kReutersFixture, "-o", tmp.str("c"), "--date", "1987"});
  CHECK(date_for_reuters.exit_code == 2);
  const auto bad_progress =
      run_annosearch({"import", "text", kReutersFixture, "-o", tmp.str("c"), "--progress", "loud"});
  CHECK(bad_progress.exit_code == 2);
  tmp.write("a-file", "x");
  const auto output_is_file =
      run_annosearch({"import", "reuters21578", kReutersFixture, "-o", tmp.str("a-file")});
  CHECK(output_is_file.exit_code == 2);
  CHECK(output_is_file.err == "annosearch: the output " + tmp.str("a-file") +
                                  " exists and is not a directory; choose another -o DIR\n");
}

TEST_CASE("import exits 1 when input records are rejected", "[e2e][import]") {
  TempDir tmp;
  tmp.write("in/good.txt", "A good story\n");
  tmp.write("in/empty.txt", "\n");
  const auto r = run_annosearch({"import", "text", tmp.str("in"), "-o", tmp.str("c")});
  CHECK(r.exit_code == 1);
  const auto err = lines_of(r.err);
  REQUIRE(err.size() == 2);
  CHECK(err[0] == tmp.str("in/empty.txt") +
                      ":0: id=empty: text: the file has no text; nothing "
                      "imported");
  CHECK(err[1] ==
        "import: 1 document written to " + tmp.str("c") + " (1 error); 0 entities, 0 themes");
  CHECK(file_lines(tmp.str("c/documents.jsonl")).size() == 1);
}

TEST_CASE("import brat and text through the command", "[e2e][import]") {
  TempDir tmp;
  const std::string brat = source_path("tests/fixtures/import/brat");
  const auto b = run_annosearch({"import", "brat", brat + "/rahmon-visit.txt", "-o", tmp.str("b"),
                                 "--registry", brat + "/registry.jsonl", "--date", "2021-12"});
  INFO(b.err);
  CHECK(b.exit_code == 0);
  CHECK(b.err == "import: 1 document written to " + tmp.str("b") +
                     "; 4 entities, 0 themes; 4 annotation lines skipped (notes, attributes, "
                     "relations, events)\n");
  const auto doc = nlohmann::json::parse(file_lines(tmp.str("b/documents.jsonl")).at(0));
  CHECK(doc["date"] == "2021-12");
  CHECK(doc["entities"][0]["id"] == "emomali-rahmon");
  const auto v = run_annosearch({"validate", tmp.str("b"), "--registry", brat + "/registry.jsonl"});
  INFO(v.out + v.err);
  CHECK(v.exit_code == 0);  // one warning: the discontinuous mention "President"

  const auto t = run_annosearch({"import", "text", source_path("tests/fixtures/import/text"), "-o",
                                 tmp.str("t"), "--language", "de"});
  CHECK(t.exit_code == 0);
  const auto docs = file_lines(tmp.str("t/documents.jsonl"));
  REQUIRE(docs.size() == 2);
  CHECK(nlohmann::json::parse(docs[1])["id"] == "Uberblick-Juli");
  CHECK(nlohmann::json::parse(docs[1])["language"] == "de");
}

// The whole collection: ~1 s to import in the dev build, ~1 s for the Python count, ~0.6 s to
// validate.
TEST_CASE("import of all of Reuters-21578 matches an independent count",
          "[e2e][import][reuters][slow]") {
  const std::string data = require_shared_path("data/reuters21578/reut2-000.sgm");
  const std::string data_dir = std::filesystem::path(data).parent_path().string();
  TempDir tmp;
  const auto r = run_annosearch({"import", "reuters21578", data_dir, "-o", tmp.str("reuters")});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("import: 21578 documents written to " + tmp.str("reuters") +
                   " (3 warnings); 537 entities, 135 themes") != std::string::npos);

  std::size_t total = 0;
  std::size_t usa = 0;
  std::size_t crude = 0;
  std::size_t both = 0;
  std::size_t dated = 0;
  std::size_t empty_texts = 0;
  std::ifstream in(tmp.str("reuters/documents.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    const auto doc = nlohmann::json::parse(line);
    ++total;
    bool has_usa = false;
    bool has_crude = false;
    for (const auto& e : doc.value("entities", nlohmann::json::array()))
      has_usa |= e["id"] == "usa";
    for (const auto& t : doc.value("themes", nlohmann::json::array()))
      has_crude |= t["id"] == "crude";
    usa += has_usa ? 1 : 0;
    crude += has_crude ? 1 : 0;
    both += has_usa && has_crude ? 1 : 0;
    dated += doc.contains("date") ? 1 : 0;
    empty_texts += doc["text"].get<std::string>().empty() ? 1 : 0;
  }
  CHECK(total == 21578);
  CHECK(dated == 21577);  // NEWID 17192 has a malformed DATE
  CHECK(empty_texts == 0);
  const auto v = run_annosearch({"validate", tmp.str("reuters")});
  INFO(v.out + v.err);
  CHECK(v.exit_code == 0);
  CHECK((v.out + v.err).find("21578 documents checked, 0 errors, 0 warnings") != std::string::npos);

  const auto py = run_program({"/usr/bin/python3", source_path("tests/scripts/reuters_counts.py"),
                               data_dir, "--actor", "usa", "--theme", "crude"});
  INFO(py.err);
  REQUIRE(py.exit_code == 0);
  const auto counts = nlohmann::json::parse(py.out);
  CHECK(counts["total"] == total);
  CHECK(counts["actor"]["usa"] == usa);
  CHECK(counts["theme"]["crude"] == crude);
  CHECK(counts["both"] == both);
  // The figures themselves, so that a bug shared by both counts cannot hide.
  CHECK(usa == 12541);
  CHECK(crude == 634);
  CHECK(both == 298);
}
