// The brat importer: mentions from T lines, entities from N lines, offsets in code points.
#include "indexer/import_brat.h"

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

using annosearch::test::read_lines;

namespace {

struct Read {
  std::optional<Document> doc;
  std::vector<std::string> diagnostics;
  Registry registry;
  std::size_t ignored = 0;
};

Read read_one(const std::string& txt, const ImportOptions& options, Registry external = {}) {
  Read r;
  ImportResult result;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { r.diagnostics.push_back(d.format()); };
  DiagnosticReporter reporter(hooks, result);
  BratImporter importer(options, std::move(external));
  r.doc = importer.read(txt, reporter);
  r.registry = importer.registry();
  r.ignored = importer.ignored();
  return r;
}

std::string mentions_of(const Document& doc, const std::string& id) {
  for (const auto& e : doc.entities) {
    if (e.id != id) continue;
    std::string out;
    for (const auto& m : e.mentions) {
      out += (out.empty() ? "" : " ") + substr_code_points(doc.text, m.start, m.end) + "[" +
             std::to_string(m.start) + "," + std::to_string(m.end) + ")";
    }
    return out;
  }
  return "(none)";
}

}  // namespace

TEST_CASE("brat types map to registry types", "[import][brat]") {
  CHECK(brat_entity_type("Person") == "PERSON");
  CHECK(brat_entity_type("PER") == "PERSON");
  CHECK(brat_entity_type("Organization") == "ORG");
  CHECK(brat_entity_type("organisation") == "ORG");
  CHECK(brat_entity_type("Location") == "LOC");
  CHECK(brat_entity_type("GPE") == "GPE");
  CHECK(brat_entity_type("NORP") == "NORP");
  CHECK(brat_entity_type("Facility") == "FAC");
  CHECK(brat_entity_type("Weapon") == "OTHER");
}

TEST_CASE("a brat document without a registry", "[import][brat]") {
  ImportOptions options;
  const auto r = read_one(source_path("tests/fixtures/import/brat/rahmon-visit.txt"), options);
  REQUIRE(r.doc);
  const Document& doc = *r.doc;
  CHECK(r.diagnostics.empty());
  CHECK(doc.id == "rahmon-visit");
  CHECK(doc.title == "Rahmon meets Mirziyoyev in Dushanbe");
  CHECK(doc.text.back() == '.');  // the final newline is gone
  REQUIRE(doc.entities.size() == 5);
  // Order of first mention; one mention per fragment of the discontinuous T8; code point offsets
  // past the Cyrillic name.
  CHECK(doc.entities[0].id == "wd-q202224");
  CHECK(mentions_of(doc, "wd-q202224") ==
        "Rahmon[0,6) President[36,45) Emomali Rahmon[46,60) Rahmon[54,60) Рахмон[62,68)");
  CHECK(mentions_of(doc, "shavkat-mirziyoyev") == "Mirziyoyev[13,23) Shavkat Mirziyoyev[74,92)");
  CHECK(mentions_of(doc, "gpe-dushanbe") == "Dushanbe[27,35)");
  CHECK(mentions_of(doc, "organization-taliban") == "Taliban[131,138)");
  CHECK(mentions_of(doc, "location-the-border") == "the border[143,153)");
  CHECK(doc.entities[0].source == "gold");
  CHECK(r.ignored == 4);  // #1, R1, A1, E1

  const Entity* rahmon = r.registry.find("wd-q202224");
  REQUIRE(rahmon != nullptr);
  CHECK(rahmon->name == "Emomali Rahmon");
  CHECK(rahmon->type == "PERSON");
  CHECK(rahmon->wikidata == "Q202224");
  CHECK(rahmon->aliases == std::vector<std::string>{"Rahmon", "Рахмон"});
  CHECK(r.registry.find("shavkat-mirziyoyev")->aliases == std::vector<std::string>{"Mirziyoyev"});
  CHECK(r.registry.find("location-the-border")->type == "LOC");
  CHECK(r.registry.find("organization-taliban")->type == "ORG");
  CHECK(r.registry.size() == 5);
}

TEST_CASE("Wikidata normalisations map to the --registry entity", "[import][brat]") {
  TempDir tmp;
  ImportOptions options;
  options.inputs = {source_path("tests/fixtures/import/brat")};
  options.registry_files = {source_path("tests/fixtures/import/brat/registry.jsonl")};
  options.annotation_source = "annotator-1";
  options.date = PartialDate::parse("2021-12");
  std::vector<std::string> diags;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { diags.push_back(d.format()); };
  const auto result = run_import("brat", options, tmp.str("out"), hooks);
  CHECK(result.documents == 2);
  CHECK(result.errors == 0);
  CHECK(result.warnings == 1);
  CHECK(result.ignored == 4);
  CHECK(diags == std::vector<std::string>{
                     source_path("tests/fixtures/import/brat/no-annotations.txt") +
                     ":0: id=no-annotations: entities: warning: no no-annotations.ann beside it; "
                     "imported without annotations"});
  const auto docs = read_lines(tmp.str("out/documents.jsonl"));
  REQUIRE(docs.size() == 2);
  CHECK(nlohmann::json::parse(docs[0]) == nlohmann::json::parse(R"({
      "id": "no-annotations", "title": "A note without annotations", "date": "2021-12",
      "language": "en", "text": "A note without annotations\nIt has two lines."})"));
  const auto doc = nlohmann::json::parse(docs[1]);
  CHECK(doc["entities"][0] == nlohmann::json::parse(R"({"id": "emomali-rahmon", "mentions": [
      {"start": 0, "end": 6}, {"start": 36, "end": 45}, {"start": 46, "end": 60},
      {"start": 54, "end": 60}, {"start": 62, "end": 68}], "source": "annotator-1"})"));
  // The registry's own entity is not copied into the output registry.
  CHECK(
      read_lines(tmp.str("out/entities.jsonl")) ==
      std::vector<std::string>{
          R"({"id":"gpe-dushanbe","name":"Dushanbe","type":"GPE","aliases":[]})",
          R"({"id":"location-the-border","name":"the border","type":"LOC","aliases":[]})",
          R"({"id":"organization-taliban","name":"Taliban","type":"ORG","aliases":[]})",
          R"({"id":"shavkat-mirziyoyev","name":"Shavkat Mirziyoyev","type":"PERSON","aliases":["Mirziyoyev"]})",
      });
}

TEST_CASE("brat offsets survive CRLF line ends", "[import][brat]") {
  TempDir tmp;
  // "Рахмон\r\nvisited Khorog.\r\n": Khorog is at code points 16..22 counting the '\r'.
  const std::string txt = tmp.write("crlf.txt", "Рахмон\r\nvisited Khorog.\r\n");
  tmp.write("crlf.ann", "T1\tGPE 16 22\tKhorog\nT2\tPerson 0 6\tРахмон\n");
  const auto r = read_one(txt, ImportOptions{});
  REQUIRE(r.doc);
  CHECK(r.diagnostics.empty());
  CHECK(r.doc->text == "Рахмон\nvisited Khorog.");
  CHECK(mentions_of(*r.doc, "gpe-khorog") == "Khorog[15,21)");
  // No N: the slug is transliterated.
  CHECK(mentions_of(*r.doc, "person-rahmon") == "Рахмон[0,6)");
  REQUIRE(r.registry.find("person-rahmon") != nullptr);
  CHECK(r.registry.find("person-rahmon")->name == "Рахмон");
}

TEST_CASE("bad annotation lines are reported and skipped", "[import][brat]") {
  TempDir tmp;
  const std::string txt = tmp.write("bad.txt", "Emomali Rahmon spoke.\n");
  const std::string ann = tmp.write("bad.ann",
                                    "T1\tPerson 0 14\tEmomali Rahmon\n"
                                    "T2\tPerson 8 40\tRahmon\n"      // past the end
                                    "T3\tPerson 8 14\tRakhmon\n"     // text differs: warning, kept
                                    "T4\tPerson eight 14\tRahmon\n"  // unreadable
                                    "N1\tReference T1 GeoNames:1221874\tSomewhere\n"
                                    "N2\tReference T3\n"                 // incomplete
                                    "N3\tReference T9 Wikidata:Q1\tX\n"  // no such T
                                    "N4\tReference T1 Wikidata:Q2\tY\n"  // second N of T1
                                    "M1\tNegation T1\n");
  const auto r = read_one(txt, ImportOptions{});
  REQUIRE(r.doc);
  CHECK(r.diagnostics ==
        std::vector<std::string>{
            ann + ":4: id=bad: entities: cannot read \"Person eight 14\" (expected TYPE START "
                  "END[;START END]); line skipped",
            ann + ":6: id=bad: entities: a normalisation needs TYPE TARGET DB:ID (e.g. Reference "
                  "T1 Wikidata:Q42); line skipped",
            ann + ":8: id=bad: entities: warning: a second normalisation of T1; the first one is "
                  "kept",
            ann + ":2: id=bad: entities: T2: span 8-40 is empty or outside the text (21 "
                  "characters); annotation skipped",
            ann + ":3: id=bad: entities: warning: T3: the annotation says \"Rakhmon\" but the text "
                  "there is \"Rahmon\"; the offsets are kept",
            ann + ":7: id=bad: entities: warning: the normalisation points to T9, which is not a "
                  "text-bound annotation here; ignored",
        });
  REQUIRE(r.doc->entities.size() == 2);
  // A numeric key gets its database as a prefix.
  CHECK(mentions_of(*r.doc, "geonames-1221874") == "Emomali Rahmon[0,14)");
  CHECK(mentions_of(*r.doc, "person-rahmon") == "Rahmon[8,14)");
  CHECK(r.registry.find("geonames-1221874")->name == "Somewhere");
  CHECK(r.ignored == 1);
}

TEST_CASE("a brat text that is not UTF-8 is rejected", "[import][brat]") {
  TempDir tmp;
  const std::string txt = tmp.write("latin.txt", "Caf\xE9\n");
  const auto r = read_one(txt, ImportOptions{});
  CHECK_FALSE(r.doc);
  CHECK(r.diagnostics ==
        std::vector<std::string>{txt + ":0: id=latin: text: invalid UTF-8 at byte 3; brat offsets "
                                       "need the exact text: convert the file to UTF-8 (iconv)"});
}

// Found by tests/fuzz/fuzz_import: an .ann line with invalid UTF-8 (here in a Wikidata key) made
// an entity whose JSON could not be written, and the import ended with exit 4 after reading
// everything. The line is now an error and skipped; the rest of the file is imported.
TEST_CASE("an .ann line that is not UTF-8 is reported and skipped", "[import][brat]") {
  TempDir tmp;
  const std::string txt = tmp.write("mixed.txt", "Emomali Rahmon spoke.\n");
  const std::string ann = tmp.write("mixed.ann",
                                    "T1\tPerson 0 14\tEmomali Rahmon\n"
                                    "N1\tReference T1 Wikidata:Q42\x83\tX\n"
                                    "T2\tPerson 8 14\tRahm\xF6n\n");
  const auto r = read_one(txt, ImportOptions{});
  REQUIRE(r.doc);
  CHECK(r.diagnostics == std::vector<std::string>{
                             ann + ":2: id=mixed: entities: invalid UTF-8 at byte 28 of the line; "
                                   "line skipped (convert the "
                                   "file to UTF-8)",
                             ann + ":3: id=mixed: entities: invalid UTF-8 at byte 19 of the line; "
                                   "line skipped (convert the "
                                   "file to UTF-8)",
                         });
  REQUIRE(r.doc->entities.size() == 1);
  CHECK(mentions_of(*r.doc, "person-emomali-rahmon") == "Emomali Rahmon[0,14)");
  CHECK(r.registry.size() == 1);
}

// Found by tests/fuzz/fuzz_import: both made documents or entities that `validate` and `build`
// reject. A span across a line break (a passage boundary of the corpus format) is an error and
// skipped; a Wikidata key that is not Q and digits is no Wikidata item and gets a sanitised id;
// a span of white space only (no name for an entity) is an error and skipped.
TEST_CASE("brat spans across lines and malformed Wikidata keys", "[import][brat]") {
  TempDir tmp;
  const std::string txt = tmp.write("lines.txt", "President Emomali\nRahmon spoke.\n");
  const std::string ann = tmp.write("lines.ann",
                                    "T1\tPerson 10 24\tEmomali Rahmon\n"
                                    "T2\tPerson 10 17;18 24\tEmomali Rahmon\n"
                                    "N2\tReference T2 Wikidata:Q20\x18x\tEmomali Rahmon\n"
                                    "T3\tPerson 9 10\t \n");
  const auto r = read_one(txt, ImportOptions{});
  REQUIRE(r.doc);
  CHECK(r.diagnostics ==
        std::vector<std::string>{
            ann + ":1: id=lines: entities: T1: span 10-24 crosses a line break, which ends a "
                  "passage in the corpus format; annotation skipped (split it into fragments: "
                  "START END;START END)",
            ann + ":4: id=lines: entities: T3: the span covers only white space; annotation "
                  "skipped",
        });
  REQUIRE(r.doc->entities.size() == 1);
  CHECK(r.doc->entities[0].id == "q20-x");
  CHECK(mentions_of(*r.doc, "q20-x") == "Emomali[10,17) Rahmon[18,24)");
  REQUIRE(r.registry.find("q20-x") != nullptr);
  CHECK(r.registry.find("q20-x")->wikidata.empty());
}
