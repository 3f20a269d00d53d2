// Reading and validating corpus input (indexer/reader.h): valid fixtures are accepted with their
// annotations intact; each broken fixture is rejected with exactly the expected diagnostic lines.
#include "indexer/reader.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::Corpus;
using annosearch::DatePrecision;
using annosearch::Diagnostic;
using annosearch::Diagnostics;
using annosearch::Document;
using annosearch::InputOptions;
using annosearch::RecordLocation;
using annosearch::ScanStats;
using annosearch::test::TempDir;

std::string fixture_dir() { return annosearch::test::source_path("tests/fixtures/validate/"); }
std::string fixture(const std::string& relative) { return fixture_dir() + relative; }

// "{dir}" in an expected line stands for the fixture directory.
std::string expand(std::string s) {
  const std::string dir = fixture_dir();
  for (std::size_t pos = 0; (pos = s.find("{dir}", pos)) != std::string::npos; pos += dir.size()) {
    s.replace(pos, 5, dir);
  }
  return s;
}

struct Outcome {
  std::vector<std::string> lines;  // every diagnostic, formatted, in order
  std::vector<Document> accepted;
  std::vector<RecordLocation> locations;
  ScanStats stats;
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

Outcome run_reader(const InputOptions& options, bool stop_on_error = false) {
  Outcome out;
  Diagnostics diagnostics;
  const Corpus corpus = annosearch::open_corpus(options, diagnostics);
  out.stats = annosearch::scan_documents(
      corpus, diagnostics,
      [&](Document&& doc, const RecordLocation& where) {
        out.accepted.push_back(std::move(doc));
        out.locations.push_back(where);
      },
      stop_on_error);
  for (const auto& d : diagnostics.all()) out.lines.push_back(d.format());
  out.errors = diagnostics.errors();
  out.warnings = diagnostics.warnings();
  return out;
}

// Documents checked against the fixture registry and taxonomy.
Outcome validate(const std::vector<std::string>& inputs) {
  InputOptions options;
  for (const auto& in : inputs) options.inputs.push_back(fixture(in));
  options.registry_files = {fixture("registry/entities.jsonl")};
  options.theme_files = {fixture("registry/themes.json")};
  return run_reader(options);
}

std::vector<std::string> ids_of(const std::vector<Document>& docs) {
  std::vector<std::string> ids;
  for (const auto& d : docs) ids.push_back(d.id);
  return ids;
}

}  // namespace

TEST_CASE("valid fixtures are accepted without diagnostics", "[reader]") {
  struct Case {
    std::vector<std::string> inputs;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {{"good/minimal.jsonl"}, {"good-minimal"}},
      {{"good/annotated.jsonl"}, {"good-annotated-1", "good-annotated-2:with/all_id.chars-OK"}},
      {{"good/single.json"}, {"good-single"}},
      {{"good/array.json"}, {"good-array-1", "good-array-2"}},
      {{"good/minimal.jsonl", "good/single.json", "good/array.json"},
       {"good-minimal", "good-single", "good-array-1", "good-array-2"}},
  };
  for (const auto& c : cases) {
    INFO(c.inputs.front());
    const Outcome out = validate(c.inputs);
    CHECK(out.lines == std::vector<std::string>{});
    CHECK(ids_of(out.accepted) == c.ids);
    CHECK(out.stats.records == c.ids.size());
    CHECK(out.stats.accepted == c.ids.size());
    CHECK(out.stats.rejected == 0);
  }
}

TEST_CASE("an accepted document keeps its fields and annotations", "[reader]") {
  const Outcome out = validate({"good/annotated.jsonl"});
  REQUIRE(out.accepted.size() == 2);
  const Document& d = out.accepted[0];
  CHECK(d.title == "Rahmon’s speech");
  REQUIRE(d.date.has_value());
  CHECK(d.date->precision == DatePrecision::kMonth);
  CHECK(d.date->to_string() == "2021-12");
  CHECK(d.source == "Fixture");
  CHECK(d.url == "https://example.org/1");
  CHECK(d.authors == std::vector<std::string>{"A. Writer"});
  CHECK(d.text ==
        "Rahmon’s speech in Душанбе on December 9.\nThe Taliban replied in May.\n\nNo "
        "comment.");
  REQUIRE(d.entities.size() == 4);
  CHECK(d.entities[1].id == "dushanbe");
  REQUIRE(d.entities[1].mentions.size() == 1);
  CHECK(d.entities[1].mentions[0].start == 19);  // code points, not bytes: ’ is 3 bytes
  CHECK(d.entities[1].mentions[0].end == 26);
  CHECK(d.entities[1].source == "gold");
  CHECK(d.entities[3].id == "tajikistan");
  CHECK(d.entities[3].mentions.empty());  // a document-level annotation
  CHECK(d.entities[3].source == "auto");
  REQUIRE(d.themes.size() == 2);
  CHECK(d.themes[0].id == "diplomacy");
  CHECK(d.themes[0].weight == 0.8);
  CHECK(d.themes[0].passages == std::vector<int>{1, 2});
  CHECK_FALSE(d.themes[1].weight.has_value());
  CHECK(d.themes[1].passages.empty());
  REQUIRE(d.dates.size() == 2);
  CHECK(d.dates[0].span.start == 30);
  CHECK(d.dates[0].value.to_string() == "2021-12-09");
  CHECK(d.dates[1].value.to_string() == "2021-05");

  const Document& second = out.accepted[1];
  CHECK(second.language == "pt-BR");
  CHECK(second.date->precision == DatePrecision::kTime);
  CHECK(second.date->to_string() == "2021-12-09T14:30:00Z");
  // Line numbers are physical: the blank line 2 is skipped, not renumbered.
  CHECK(out.locations[0].line == 1);
  CHECK(out.locations[1].line == 3);
  CHECK(out.locations[1].file == fixture("good/annotated.jsonl"));

  const Outcome minimal = validate({"good/minimal.jsonl"});
  REQUIRE(minimal.accepted.size() == 1);
  CHECK(minimal.accepted[0].language == "en");  // the default
  CHECK_FALSE(minimal.accepted[0].date.has_value());

  const Outcome single = validate({"good/single.json"});
  REQUIRE(single.accepted.size() == 1);
  CHECK(single.accepted[0].dates[0].value.to_string() == "2021-10-01..2021-10-10");
  CHECK(single.locations[0].line == 1);

  // In a .json array, a document's line is the line where it starts.
  const Outcome array = validate({"good/array.json"});
  REQUIRE(array.locations.size() == 2);
  CHECK(array.locations[0].line == 2);
  CHECK(array.locations[1].line == 3);
  CHECK(array.accepted[1].text == "Second, with a bracket ] and a brace } in a string.");
}

TEST_CASE("broken documents are rejected with the expected diagnostics", "[reader]") {
  struct Case {
    std::vector<std::string> inputs;
    std::vector<std::string> expected;  // "{dir}" is the fixture directory
    std::size_t accepted;
  };
  const Case cases[] = {
      {{"bad/json-syntax.jsonl"},
       {"{dir}bad/json-syntax.jsonl:1: id=?: -: invalid JSON at column 45: syntax error while "
        "parsing object key - unexpected '}'; expected string literal"},
       0},
      {{"bad/missing-id.jsonl"},
       {"{dir}bad/missing-id.jsonl:1: id=?: id: missing required field"},
       0},
      {{"bad/missing-text.jsonl"},
       {"{dir}bad/missing-text.jsonl:1: id=no-text: text: missing required field"},
       0},
      {{"bad/duplicate-id"},
       {"{dir}bad/duplicate-id/b.jsonl:2: id=dup-1: id: duplicate id (first at "
        "{dir}bad/duplicate-id/a.jsonl:1)"},
       2},
      {{"bad/offset-past-end.jsonl"},
       {"{dir}bad/offset-past-end.jsonl:1: id=past-end: entities[0].mentions[0].end: end 20 is "
        "past the end of the text (13 code points)"},
       0},
      {{"bad/start-not-before-end.jsonl"},
       {"{dir}bad/start-not-before-end.jsonl:1: id=empty-span: entities[0].mentions[0]: start 6 "
        "must be less than end 6 (end is exclusive)"},
       0},
      {{"bad/float-offset.jsonl"},
       {"{dir}bad/float-offset.jsonl:1: id=float-offset: entities[0].mentions[0].end: must be a "
        "non-negative integer (a code point offset), not 6.0"},
       0},
      {{"bad/negative-offset.jsonl"},
       {"{dir}bad/negative-offset.jsonl:1: id=negative-offset: entities[0].mentions[0].start: "
        "must be a non-negative integer (a code point offset), not -1"},
       0},
      {{"bad/mention-across-newline.jsonl"},
       {"{dir}bad/mention-across-newline.jsonl:1: id=across-newline: entities[0].mentions[0]: "
        "span 0..14 crosses a newline (a passage boundary); an annotation must lie within one "
        "passage"},
       0},
      // A warning only: the document is still accepted.
      {{"bad/mention-not-alias.jsonl"},
       {"{dir}bad/mention-not-alias.jsonl:1: id=not-alias: entities[0].mentions[0]: warning: "
        "mention text \"president\" is not the name or an alias of entity emomali-rahmon"},
       1},
      {{"bad/unknown-entity.jsonl"},
       {"{dir}bad/unknown-entity.jsonl:1: id=unknown-entity: entities[0].id: unknown entity "
        "\"vladimir-putin\" (not in the registry)"},
       0},
      {{"bad/unknown-theme.jsonl"},
       {"{dir}bad/unknown-theme.jsonl:1: id=unknown-theme: themes[0].id: unknown theme \"sport\" "
        "(not in the taxonomy)"},
       0},
      {{"bad/passage-out-of-range.jsonl"},
       {"{dir}bad/passage-out-of-range.jsonl:1: id=passage-range: themes[0].passages[1]: passage "
        "4 does not exist (the text has 3 passages)"},
       0},
      {{"bad/date-not-exist.jsonl"},
       {"{dir}bad/date-not-exist.jsonl:1: id=bad-date: date: date 2021-02-30 does not exist"},
       0},
      {{"bad/dates-value-not-exist.jsonl"},
       {"{dir}bad/dates-value-not-exist.jsonl:1: id=bad-date-value: dates[0].value: date "
        "2021-02-30 does not exist"},
       0},
      {{"bad/bad-id.jsonl"},
       {"{dir}bad/bad-id.jsonl:1: id=bad id!: id: id \"bad id!\" may contain only letters, digits "
        "and ._:/-"},
       0},
      {{"bad/duplicate-entity-in-document.jsonl"},
       {"{dir}bad/duplicate-entity-in-document.jsonl:1: id=twice: entities[1].id: entity "
        "\"emomali-rahmon\" is listed twice (first at entities[0]); merge its mentions into one "
        "entry"},
       0},
      {{"bad/wrong-types.jsonl"},
       {"{dir}bad/wrong-types.jsonl:1: id=wrong-types: title: must be a string, not a number",
        "{dir}bad/wrong-types.jsonl:1: id=wrong-types: language: \"english\" is not a BCP 47 "
        "language tag such as en, ru or pt-BR",
        "{dir}bad/wrong-types.jsonl:1: id=wrong-types: authors: must be an array of strings, not "
        "a string",
        "{dir}bad/wrong-types.jsonl:1: id=wrong-types: themes[0].weight: weight 1.5 is outside "
        "0..1"},
       0},
      {{"bad/unknown-field.jsonl"},
       {"{dir}bad/unknown-field.jsonl:1: id=unknown-field: entities[0].source: warning: missing "
        "field: say who annotated it (\"gold\", \"auto\" or a tool's name)",
        "{dir}bad/unknown-field.jsonl:1: id=unknown-field: summary: warning: unknown field "
        "(ignored)"},
       1},
      // The broken record is reported where it starts, the error where it is; the records after
      // it are still read.
      {{"bad/array-bad-element.json"},
       {"{dir}bad/array-bad-element.json:3: id=?: -: invalid JSON at line 4, column 37: syntax "
        "error while parsing value - invalid string: control character U+000A (LF) must be "
        "escaped to \\u000A or \\n; last read: '\"Missing a closing quote,<U+000A>'"},
       2},
      {{"bad/trailing-text.json"},
       {"{dir}bad/trailing-text.json:2: id=?: -: unexpected text after the document: a .json file "
        "holds one document or an array of documents (use .jsonl for one document a line)"},
       1},
  };
  for (const auto& c : cases) {
    INFO(c.inputs.front());
    const Outcome out = validate(c.inputs);
    std::vector<std::string> expected;
    for (const auto& e : c.expected) expected.push_back(expand(e));
    CHECK(out.lines == expected);
    CHECK(out.accepted.size() == c.accepted);
  }
}

TEST_CASE("broken registries and taxonomies are reported where the entry is", "[reader]") {
  struct Case {
    const char* registry;  // relative to the fixture directory
    const char* themes;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"bad-registry/duplicate-entity.jsonl",
       "registry/themes.json",
       {"{dir}bad-registry/duplicate-entity.jsonl:2: id=taliban: id: duplicate entity id (first "
        "at {dir}bad-registry/duplicate-entity.jsonl:1)"}},
      {"bad-registry/related-unknown.jsonl",
       "registry/themes.json",
       {"{dir}bad-registry/related-unknown.jsonl:1: id=kabul: related[0].id: unknown entity "
        "\"afghanistan\" (not in the registry)"}},
      {"bad-registry/entity-fields.jsonl",
       "registry/themes.json",
       {"{dir}bad-registry/entity-fields.jsonl:1: id=bad-fields: name: must not be empty",
        "{dir}bad-registry/entity-fields.jsonl:1: id=bad-fields: type: type \"person\" must be "
        "upper-case letters and underscores, such as PERSON or ORG",
        "{dir}bad-registry/entity-fields.jsonl:1: id=bad-fields: aliases[1]: must be a string, "
        "not a number",
        "{dir}bad-registry/entity-fields.jsonl:1: id=bad-fields: wikidata: \"889\" is not a "
        "Wikidata item id such as Q889",
        "{dir}bad-registry/entity-fields.jsonl:2: id=misc-type: type: warning: unknown entity "
        "type \"MISC\" (known: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, PRODUCT, LAW, "
        "WORK_OF_ART, LANGUAGE, OTHER)"}},
      {"registry/entities.jsonl",
       "bad-registry/unknown-parent.json",
       {"{dir}bad-registry/unknown-parent.json:2: id=trade: parent: unknown parent theme "
        "\"economy\" (not in the taxonomy)"}},
      {"registry/entities.jsonl",
       "bad-registry/cycle.json",
       {"{dir}bad-registry/cycle.json:4: id=c: iptc: warning: \"16000000\" is not an IPTC Media "
        "Topics code such as medtop:16000000 (ignored)",
        "{dir}bad-registry/cycle.json:2: id=a: parent: the parent chain forms a cycle: a -> b -> "
        "a"}},
  };
  for (const auto& c : cases) {
    INFO(c.registry << " " << c.themes);
    InputOptions options;
    options.inputs = {fixture("good/minimal.jsonl")};
    options.registry_files = {fixture(c.registry)};
    options.theme_files = {fixture(c.themes)};
    const Outcome out = run_reader(options);
    std::vector<std::string> expected;
    for (const auto& e : c.expected) expected.push_back(expand(e));
    CHECK(out.lines == expected);
  }
}

TEST_CASE("invalid UTF-8 is reported with its byte offset before any JSON parsing", "[reader]") {
  TempDir tmp;
  // "Dushanbe" with a lone continuation byte, and a truncated two-byte sequence in .json.
  const std::string jsonl = tmp.write("bad-utf8.jsonl",
                                      "{\"id\":\"ok\",\"text\":\"fine\"}\n"
                                      "{\"id\":\"bad-utf8\",\"text\":\"Dush\x80nbe\"}\n");
  const std::string json = tmp.write("bad-utf8.json",
                                     "[\n{\"id\":\"ok2\",\"text\":\"fine\"},\n"
                                     "{\"id\":\"bad2\",\n\"text\":\"\xD0\"}\n]\n");
  const std::string registry =
      tmp.write("entities.jsonl", "{\"id\":\"x\",\"name\":\"\xFF\",\"type\":\"ORG\"}\n");
  InputOptions options;
  options.inputs = {jsonl, json};
  options.registry_files = {registry};
  const Outcome out = run_reader(options);
  CHECK(out.lines ==
        std::vector<std::string>{
            registry + ":1: id=?: -: invalid UTF-8 at byte offset 18 of the line; the file must be "
                       "encoded in UTF-8",
            jsonl + ":2: id=?: -: invalid UTF-8 at byte offset 29 of the line; the file must be "
                    "encoded in UTF-8",
            json + ":3: id=?: -: invalid UTF-8 at byte offset 22 of the record; the file must be "
                   "encoded in UTF-8",
        });
  CHECK(ids_of(out.accepted) == std::vector<std::string>{"ok", "ok2"});
  CHECK(out.stats.records == 4);
  CHECK(out.stats.rejected == 2);
}

TEST_CASE("a corpus directory supplies its registry and taxonomy and its documents in path order",
          "[reader]") {
  InputOptions options;
  options.inputs = {fixture("good/corpus")};
  Diagnostics diagnostics;
  const Corpus corpus = annosearch::open_corpus(options, diagnostics);
  CHECK(diagnostics.all().empty());
  // Hidden files and directories, .txt files and the top-level registry files are not documents.
  CHECK(corpus.document_files ==
        std::vector<std::string>{fixture("good/corpus/documents/2021/b.json"),
                                 fixture("good/corpus/documents/a.jsonl")});
  CHECK(corpus.registry.size() == 4);
  REQUIRE(corpus.registry.find("emomali-rahmon") != nullptr);
  CHECK(corpus.registry.find("emomali-rahmon")->aliases.size() == 4);
  CHECK(corpus.registry.find("dushanbe")->related.at(0).id == "tajikistan");
  CHECK(corpus.taxonomy.size() == 3);
  CHECK(corpus.taxonomy.find("border-security")->parent == "security");
  CHECK(corpus.taxonomy.find("security")->iptc == "medtop:16000000");

  const Outcome out = run_reader(options);
  CHECK(out.lines == std::vector<std::string>{});
  CHECK(ids_of(out.accepted) == std::vector<std::string>{"corpus-b", "corpus-a"});
}

TEST_CASE("inputs that cannot be read are diagnostics and not exceptions", "[reader]") {
  TempDir tmp;
  const std::string txt = tmp.write("notes.txt", "text");
  const std::string empty_dir = tmp.str("empty");
  std::filesystem::create_directories(empty_dir);
  const std::string empty_json = tmp.write("empty.json", "  \n");
  InputOptions options;
  options.inputs = {tmp.str("missing.jsonl"), txt, empty_dir, empty_json};
  options.registry_files = {tmp.str("missing-entities.jsonl")};
  options.theme_files = {tmp.str("missing-themes.json")};
  const Outcome out = run_reader(options);
  CHECK(out.lines ==
        std::vector<std::string>{
            tmp.str("missing.jsonl") + ":0: id=?: -: no such file or directory",
            txt + ":0: id=?: -: not a corpus input: expected a .jsonl or .json file, a corpus "
                  "directory or -",
            empty_dir + ":0: id=?: -: warning: no .jsonl or .json document files below this "
                        "directory",
            tmp.str("missing-entities.jsonl") + ":0: id=?: -: no such registry file",
            tmp.str("missing-themes.json") + ":0: id=?: -: no such taxonomy file",
            empty_json + ":1: id=?: -: empty file: expected a document (a JSON object) or an "
                         "array of documents",
        });
  CHECK(out.errors == 5);
  CHECK(out.warnings == 1);
}

TEST_CASE("the same file named twice is read once", "[reader]") {
  InputOptions options;
  options.inputs = {fixture("good/corpus"), fixture("good/corpus/documents/a.jsonl")};
  options.registry_files = {fixture("good/corpus/entities.jsonl")};
  options.theme_files = {fixture("good/corpus/themes.json")};
  const Outcome out = run_reader(options);
  CHECK(out.lines == std::vector<std::string>{});
  CHECK(ids_of(out.accepted) == std::vector<std::string>{"corpus-b", "corpus-a"});
}

TEST_CASE("ids are unique across all inputs and stop_on_error stops at the first bad record",
          "[reader]") {
  TempDir tmp;
  const std::string a = tmp.write("a.jsonl",
                                  "{\"id\":\"d1\",\"text\":\"one\"}\n"
                                  "{\"id\":\"d2\",\"text\":\"two\"}\n");
  const std::string b = tmp.write("b.json",
                                  "[{\"id\":\"d3\",\"text\":\"three\"},\n"
                                  " {\"id\":\"d1\",\"text\":\"again\"},\n"
                                  " {\"id\":\"d4\",\"text\":\"four\"}]\n");
  InputOptions options;
  options.inputs = {a, b};
  const Outcome all = run_reader(options);
  CHECK(all.lines ==
        std::vector<std::string>{b + ":2: id=d1: id: duplicate id (first at " + a + ":1)"});
  CHECK(ids_of(all.accepted) == std::vector<std::string>{"d1", "d2", "d3", "d4"});
  CHECK(all.stats.records == 5);
  CHECK(all.stats.rejected == 1);

  const Outcome stopped = run_reader(options, true);
  CHECK(ids_of(stopped.accepted) == std::vector<std::string>{"d1", "d2", "d3"});
  CHECK(stopped.stats.records == 4);
  CHECK(stopped.errors == 1);
}

TEST_CASE("Diagnostics counts errors and warnings and streams each one", "[reader]") {
  Diagnostics diagnostics;
  std::vector<std::string> streamed;
  diagnostics.on_add = [&](const Diagnostic& d) { streamed.push_back(d.format()); };
  diagnostics.add({annosearch::Severity::kError, "f.jsonl", 3, "doc", "text", "broken"});
  diagnostics.add({annosearch::Severity::kWarning, "", 4, "", "", "odd"});
  CHECK(diagnostics.errors() == 1);
  CHECK(diagnostics.warnings() == 1);
  CHECK(streamed ==
        std::vector<std::string>{"f.jsonl:3: id=doc: text: broken", "-:4: id=?: -: warning: odd"});
}
