// Helpers shared by the importers: ids, slugs, encodings, the corpus-directory writer.
#include "indexer/import_common.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "core/error.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch;
using annosearch::test::TempDir;

using annosearch::test::read_file;

TEST_CASE("ids made from file names", "[import]") {
  CHECK(sanitize_id("reut2-000") == "reut2-000");
  CHECK(sanitize_id("My Story (final)") == "My-Story-final");
  CHECK(sanitize_id("Überblick Juli") == "Uberblick-Juli");
  CHECK(sanitize_id("Рахмон") == "Rahmon");
  CHECK(sanitize_id("a/b:c.d_e") == "a/b:c.d_e");
  CHECK(sanitize_id("  --x--  ") == "x");
  CHECK(sanitize_id("!!!") == "");
  CHECK(is_valid_id("reuters-1"));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id(""));
}

TEST_CASE("slugs of names", "[import]") {
  CHECK(slugify("Emomali Rahmon") == "emomali-rahmon");
  CHECK(slugify("Person Рахмон") == "person-rahmon");
  CHECK(slugify("O'Kennedy") == "okennedy");
  CHECK(slugify("  ISIL-Khorasan!  ") == "isil-khorasan");
  CHECK(slugify("...") == "");
}

TEST_CASE("encodings", "[import]") {
  CHECK(latin1_to_utf8("caf\xE9 \xFC") == "caf\u00e9 \u00fc");
  std::size_t bad = 0;
  CHECK(repair_utf8("ok \u00e9 \xE9 \xC3", &bad) == "ok \u00e9 \uFFFD \uFFFD");
  CHECK(bad == 2);
  CHECK(repair_utf8("Рахмон", &bad) == "Рахмон");
  CHECK(bad == 0);
  CHECK(collapse_whitespace("  a \n\t b  ") == "a b");
}

TEST_CASE("the corpus writer publishes its files only on finish", "[import]") {
  TempDir tmp;
  const std::string dir = tmp.str("corpus/sub");
  {
    CorpusWriter w(dir);
    Document d;
    d.id = "a";
    d.text = "x";
    w.write(d);
    CHECK(std::filesystem::exists(dir + "/documents.jsonl.tmp"));
    CHECK_FALSE(std::filesystem::exists(dir + "/documents.jsonl"));
    // Destroyed without finish(): as if the import failed.
  }
  CHECK_FALSE(std::filesystem::exists(dir + "/documents.jsonl.tmp"));
  CHECK_FALSE(std::filesystem::exists(dir + "/documents.jsonl"));

  CorpusWriter w(dir);
  Document d;
  d.id = "b";
  d.text = "y";
  w.write(d);
  Registry r;
  r.put(Entity{"usa", "USA", "GPE", {}, "", {}, ""});
  Taxonomy t;
  t.put(Theme{"crude", "Crude Oil", "", "", ""});
  t.put(Theme{"acq", "Mergers", "", "", ""});
  w.finish(r, t);
  CHECK(w.documents() == 1);
  CHECK(read_file(dir + "/documents.jsonl") ==
        "{\"id\":\"b\",\"language\":\"en\",\"text\":\"y\"}\n");
  CHECK(read_file(dir + "/entities.jsonl") ==
        "{\"id\":\"usa\",\"name\":\"USA\",\"type\":\"GPE\",\"aliases\":[]}\n");
  CHECK(read_file(dir + "/themes.json") ==
        "{\"themes\": [\n  {\"id\":\"acq\",\"label\":\"Mergers\"},\n"
        "  {\"id\":\"crude\",\"label\":\"Crude Oil\"}\n]}\n");
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    CHECK(e.path().extension() != ".tmp");
  }
}

TEST_CASE("the output must be a directory", "[import]") {
  TempDir tmp;
  const std::string file = tmp.write("file", "x");
  try {
    CorpusWriter w(file);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUsage);
    CHECK(std::string(e.what()) ==
          "the output " + file + " exists and is not a directory; choose another -o DIR");
  }
}

TEST_CASE("options that do not fit the format are usage errors", "[import]") {
  TempDir tmp;
  ImportOptions options;
  options.inputs = {tmp.str()};
  options.date = PartialDate::parse("2021");
  CHECK_THROWS_WITH(run_import("reuters21578", options, tmp.str("out"), {}),
                    "--date applies to the text and brat formats only; reuters21578 documents "
                    "carry their own dates");
  options.date.reset();
  options.registry_files = {"x.jsonl"};
  CHECK_THROWS_WITH(run_import("text", options, tmp.str("out"), {}),
                    "--registry applies to the brat format only");
  CHECK_THROWS_WITH(run_import("conll", ImportOptions{}, tmp.str("out"), {}),
                    "unknown import format 'conll'; use reuters21578, brat or text");
  CHECK_FALSE(std::filesystem::exists(tmp.str("out")));
}
