// The plain-text importer: ids from file names, titles, newlines, bad UTF-8, duplicates.
#include "indexer/import_text.h"

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;

namespace {

std::vector<nlohmann::json> read_documents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<nlohmann::json> docs;
  std::string line;
  while (std::getline(in, line)) docs.push_back(nlohmann::json::parse(line));
  return docs;
}

}  // namespace

TEST_CASE("text files become documents with id title and paragraphs", "[import][text]") {
  TempDir tmp;
  ImportOptions options;
  options.inputs = {source_path("tests/fixtures/import/text")};
  options.date = PartialDate::parse("2021-07-01");
  std::vector<Diagnostic> diags;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { diags.push_back(d); };
  const auto result = run_import("text", options, tmp.str("out"), hooks);
  CHECK(result.documents == 2);
  CHECK(result.errors == 0);
  CHECK(diags.empty());
  const auto docs = read_documents(tmp.str("out/documents.jsonl"));
  REQUIRE(docs.size() == 2);
  // CRLF made LF, trailing blank lines gone, the inner blank line kept (paragraphs = lines).
  CHECK(docs[0] == nlohmann::json::parse(R"({"id": "floods-2021", "title": "Floods in the valley",
      "date": "2021-07-01", "language": "en",
      "text": "Floods in the valley\nHeavy rain closed the roads.\n\nSchools stay shut in Khorog."})"));
  // "Überblick Juli.txt": transliterated, the space made '-'.
  CHECK(docs[1] == nlohmann::json::parse(R"({"id": "Uberblick-Juli", "title": "Überblick",
      "date": "2021-07-01", "language": "en", "text": "Überblick\nDie Lage ist ruhig."})"));
  CHECK(result.entities == 0);
  std::ifstream themes(tmp.str("out/themes.json"));
  CHECK(nlohmann::json::parse(themes) == nlohmann::json::parse(R"({"themes": []})"));
}

TEST_CASE("a text file with bad bytes is written repaired and reported", "[import][text]") {
  TempDir tmp;
  const std::string path = tmp.write("in/latin.txt", "Caf\xE9 au lait\nsecond\n");
  ImportOptions options;
  ImportResult result;
  ImportHooks hooks;
  std::vector<Diagnostic> diags;
  hooks.on_diagnostic = [&](const Diagnostic& d) { diags.push_back(d); };
  DiagnosticReporter reporter(hooks, result);
  const auto doc = read_text_document(path, options, reporter);
  REQUIRE(doc);
  CHECK(doc->text == "Caf\uFFFD au lait\nsecond");
  CHECK(doc->title == "Caf\uFFFD au lait");
  CHECK_FALSE(doc->date);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].format() == path +
                                 ":0: id=latin: text: invalid UTF-8 (1 bytes replaced by U+FFFD); "
                                 "convert the file to UTF-8 (iconv)");
  CHECK(result.errors == 1);
}

TEST_CASE("empty files and clashing names are errors", "[import][text]") {
  TempDir tmp;
  tmp.write("in/a/story.txt",
            "\xEF\xBB\xBF"
            "First story\n");  // with a byte-order mark
  tmp.write("in/b/story.txt", "Second story\n");
  tmp.write("in/empty.txt", "\n  \n");
  tmp.write("in/skip.md", "not a .txt file\n");
  ImportOptions options;
  options.inputs = {tmp.str("in"), tmp.str("missing")};
  std::vector<std::string> diags;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { diags.push_back(d.format()); };
  std::size_t total = 0;
  std::size_t advanced = 0;
  hooks.on_total = [&](std::size_t n) { total = n; };
  hooks.on_advance = [&](std::size_t n) { advanced += n; };
  const auto result = run_import("text", options, tmp.str("out"), hooks);
  CHECK(result.documents == 1);
  CHECK(result.errors == 3);
  CHECK(total == 3);
  CHECK(advanced == 3);
  CHECK(diags == std::vector<std::string>{
                     tmp.str("missing") + ":0: id=?: -: no such file or directory",
                     tmp.str("in/b/story.txt") +
                         ":0: id=story: id: another file already gave this id; this file is "
                         "skipped (rename it)",
                     tmp.str("in/empty.txt") + ":0: id=empty: text: the file has no text; "
                                               "nothing imported",
                 });
  const auto docs = read_documents(tmp.str("out/documents.jsonl"));
  REQUIRE(docs.size() == 1);
  CHECK(docs[0]["text"] == "First story");
  CHECK_FALSE(docs[0].contains("date"));
}
