// The Reuters-21578 importer: decoding, dates, paragraphs, the descriptions file, the streaming
// reader, and a whole import of the fixture distribution (tests/fixtures/import/reuters21578).
#include "indexer/import_reuters.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;

using annosearch::test::read_file;
using annosearch::test::read_lines;

namespace {

struct Collected {
  ImportResult result;
  std::vector<Diagnostic> diagnostics;
};

Collected import_into(const std::string& format, const ImportOptions& options,
                      const std::string& out) {
  Collected c;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { c.diagnostics.push_back(d); };
  c.result = run_import(format, options, out, hooks);
  return c;
}

// Reads records from SGML text with a throwaway category set.
std::vector<ReutersRecord> read_all(const std::string& sgml, std::vector<Diagnostic>* diags) {
  std::istringstream in(sgml);
  ImportResult result;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { diags->push_back(d); };
  DiagnosticReporter reporter(hooks, result);
  ReutersCategories categories;
  ReutersReader reader(in, "x.sgm", categories, reporter);
  std::vector<ReutersRecord> records;
  while (auto r = reader.next()) records.push_back(std::move(*r));
  return records;
}

}  // namespace

TEST_CASE("SGML character data is decoded from Latin-1 with references resolved",
          "[import][reuters]") {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases{
      {"&lt;CHEM&gt; &amp; Co", "<CHEM> & Co"},
      {"&quot;firm&quot; &apos;", "\"firm\" '"},
      {"caf\xE9", "caf\u00e9"},                            // Latin-1 byte 0xE9
      {"M\xFCnchen", "M\u00fcnchen"},                      // the 0xFC of reut2-017.sgm
      {"&#2;\nbody\n&#3;", "\nbody\n"},                    // telex start/end of text
      {"&#5;&#5;&#5;C T&#22;&#1;&#31;&#27;&#30;", "C T"},  // control references dropped
      {"dlr&#127;untied", "dlr untied"},                   // DEL stands for a lost character
      {"a&#9;b&#10;c", "a\tb\nc"},                         // tab and newline kept
      {"&#233; &#xE9; &#x20AC;", "\u00e9 \u00e9 \u20ac"},
      {"AT&T &foo; & x;", "AT&T &foo; & x;"},  // not references: kept as written
      {"stray\rreturn", "strayreturn"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(decode_reuters_text(c.in) == c.out);
  }
}

TEST_CASE("Reuters DATE values parse to the second", "[import][reuters]") {
  struct Case {
    std::string in;
    std::string out;
    std::string trailing;
  };
  const std::vector<Case> good{
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01", ""},
      {" 1-APR-1987 00:02:13.34", "1987-04-01T00:02:13", ""},
      {"  3-MAR-1987 00:43:42.82", "1987-03-03T00:43:42", ""},
      {"3-MAR-1987  09:15:05.40", "1987-03-03T09:15:05", ""},  // double space
      {" 7-APR-1987 16:22:00.0", "1987-04-07T16:22:00", ""},
      {"20-oct-1987 22:53:18", "1987-10-20T22:53:18", ""},
      {"9-APR-1987 00:00:00.00    # date added by S Finch as guesswork ", "1987-04-09T00:00:00",
       "# date added by S Finch as guesswork"},
      {"27-MAR-1987 00:03:35.68 F", "1987-03-27T00:03:35", "F"},
  };
  for (const auto& c : good) {
    INFO(c.in);
    std::string error;
    std::string trailing;
    const auto d = parse_reuters_date(c.in, &error, &trailing);
    REQUIRE(d);
    CHECK(d->to_string() == c.out);
    CHECK(d->precision == DatePrecision::kTime);
    CHECK(trailing == c.trailing);
  }
  const std::vector<std::string> bad{
      "31-MAR-1987 605:12:19.12",  // NEWID 17192
      "30-FEB-1987 10:00:00.00",   // no such day
      "26-XYZ-1987 15:01:01.79",   // no such month
      "26-FEB-87 15:01:01.79",     // two-digit year
      "26-FEB-1987",               // no time
      "26-FEB-1987 24:00:00.00",
      "26-FEB-1987 15:01:01.79F",  // glued telex code
      "",
  };
  for (const auto& b : bad) {
    INFO(b);
    std::string error;
    CHECK_FALSE(parse_reuters_date(b, &error));
    CHECK(error.rfind("malformed DATE", 0) == 0);
  }
  std::string error;
  (void)parse_reuters_date("31-MAR-1987 605:12:19.12", &error);
  CHECK(error ==
        "malformed DATE \"31-MAR-1987 605:12:19.12\" (bad hour; expected DD-MON-YYYY "
        "hh:mm:ss.cc)");
}

TEST_CASE("BODY lines become paragraphs and the sign-off goes", "[import][reuters]") {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases{
      // A line starting with white space begins a paragraph; others continue it.
      {"Showers continued in\nthe Bahia zone.\n    The dry period\nmeans delay.\n Reuter\n",
       "Showers continued in the Bahia zone.\nThe dry period means delay."},
      // Table rows, each indented: one paragraph each.
      {"Shr 11 cts vs nine cts\n    Net 2.1 mln vs 1.6 mln\n    Revs 60.8 mln\n REUTER\n",
       "Shr 11 cts vs nine cts\nNet 2.1 mln vs 1.6 mln\nRevs 60.8 mln"},
      // Signed twice, and with trailing blank lines.
      {"Note: period ended January 31.\nREUTER\n Reuter\n\n", "Note: period ended January 31."},
      // Sign-off variants.
      {"Text.\nREUTER...\n", "Text."},
      {"Text.\n reuter^M\n", "Text."},
      {"Text.\n REUTER N\n", "Text."},
      {"Text.\n REUITER\n", "Text."},
      // A sign-off that ends the last line.
      {"    Figures rose a year ago. REUTER\n", "Figures rose a year ago."},
      {"    CORDOBA....30.......17 REUTER\n", "CORDOBA....30.......17"},
      // Prose that merely ends with the word stays.
      {"officials said, a spokesman told\nReuters.\n", "officials said, a spokesman told Reuters."},
      {"    He works for Reuters\n", "He works for Reuters"},
      // Blank lines end paragraphs without making empty ones.
      {"One\n\n\ntwo\n", "One\ntwo"},
      {" Reuter\n", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(reuters_paragraphs(c.in) == c.out);
  }
}

TEST_CASE("the category descriptions give labels and groups", "[import][reuters]") {
  std::ifstream in(source_path("tests/fixtures/import/reuters21578/cat-descriptions_120396.txt"));
  const auto d = parse_reuters_descriptions(in);
  CHECK(d.size() == 8);
  CHECK(d.at("crude").label == "Crude Oil");
  CHECK(d.at("money-supply").label == "Money Supply");
  CHECK(d.at("opec").label == "Organisation of Petroleum Exporting Countries");
  CHECK(d.at("nymex").label == "New York Mercantile Exchange");
  CHECK(d.at("reagan").label == "President Ronald Reagan");
  CHECK(d.at("reagan").group == "United States");
  // Label and code on two lines.
  CHECK(d.at("james-baker").label == "Treasury Secretary James Baker");
  CHECK(d.at("james-baker").group == "United States");
  CHECK(d.count("usa") == 0);  // country codes have no label
}

TEST_CASE("the descriptions of the real distribution", "[import][reuters]") {
  std::ifstream in(test::require_shared_path("data/reuters21578/cat-descriptions_120396.txt"),
                   std::ios::binary);
  const auto d = parse_reuters_descriptions(in);
  CHECK(d.at("crude").label == "Crude Oil");
  CHECK(d.at("money-fx").label == "Money/Foreign Exchange");
  CHECK(d.at("worldbank").label == "International Bank for Reconstruction and Development");
  CHECK(d.at("geplacea").label ==
        "Grupo de Paises Latinoamericanos y del Caribe Exportadores de Azucar [Group of Latin "
        "American and Caribbean Sugar Exporting Countries]");
  CHECK(d.at("de-larosiere").label ==
        "Central Bank (Bank of France) Governor Jacques de Larosiere");
  CHECK(d.at("de-larosiere").group == "France");
  CHECK(d.at("jaruzelski").group == "Poland");
  CHECK(d.at("gromyko").group == "USSR (Soviet Union)");
  CHECK(d.at("camdessus").group.empty());
  CHECK(d.at("friedman").label == "Milton Friedman, economist");
}

TEST_CASE("the reader streams records and keeps going after a bad one", "[import][reuters]") {
  const std::string sgml =
      "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
      "<REUTERS OLDID=\"1\">\n<TEXT><BODY>no id</BODY></TEXT>\n</REUTERS>\n"
      "<REUTERS NEWID=\"7\"><DATE>1-MAR-1987 10:00:00.00</DATE><TEXT><BODY>seven</BODY></TEXT>"
      "</REUTERS><REUTERS NEWID=\"8\">\n<TEXT><BODY>eight\n</BODY></TEXT>\n</REUTERS>\n"
      "<REUTERS NEWID=\"9\">\n<DATE>1-MAR-1987 10:00:00.00</DATE>\n<TEXT><BODY>nine\n";
  std::vector<Diagnostic> diags;
  const auto records = read_all(sgml, &diags);
  REQUIRE(records.size() == 3);
  CHECK(records[0].document.id == "reuters-7");
  CHECK(records[0].document.text == "seven");
  CHECK(records[0].line == 5);
  CHECK(records[1].document.id == "reuters-8");  // opened on the line where 7 closed
  CHECK(records[1].line == 5);
  CHECK(records[2].document.id == "reuters-9");
  CHECK(records[2].line == 9);
  CHECK(records[2].document.text == "reuters-9");  // BODY not closed: no text
  std::vector<std::string> lines;
  for (const auto& d : diags) lines.push_back(d.format());
  CHECK(lines == std::vector<std::string>{
                     "x.sgm:2: id=?: id: the <REUTERS> tag has no NEWID; record skipped",
                     "x.sgm:5: id=reuters-8: date: warning: no DATE; the document is kept "
                     "without a date",
                     "x.sgm:9: id=?: -: <REUTERS> record not closed before the end of file",
                     "x.sgm:9: id=reuters-9: text: warning: the record has no text; the "
                     "document id is used as the text",
                 });
}

TEST_CASE("importing the fixture distribution gives exact documents", "[import][reuters]") {
  TempDir tmp;
  ImportOptions options;
  options.inputs = {source_path("tests/fixtures/import/reuters21578")};
  const auto c = import_into("reuters21578", options, tmp.str("out"));
  CHECK(c.result.documents == 5);
  CHECK(c.result.errors == 0);
  CHECK(c.result.warnings == 3);
  CHECK(c.result.entities == 8);
  CHECK(c.result.themes == 4);

  const std::string file0 = source_path("tests/fixtures/import/reuters21578/reut2-000.sgm");
  const std::string file1 = source_path("tests/fixtures/import/reuters21578/reut2-001.sgm");
  std::vector<std::string> diags;
  for (const auto& d : c.diagnostics) diags.push_back(d.format());
  CHECK(diags == std::vector<std::string>{
                     file0 + ":26: id=reuters-2: date: warning: malformed DATE \"31-MAR-1987 "
                             "605:12:19.12\" (bad hour; expected DD-MON-YYYY hh:mm:ss.cc); the "
                             "document is kept without a date",
                     file0 + ":78: id=reuters-4: text: warning: the record has no text; the "
                             "document id is used as the text",
                     file1 + ":3: id=reuters-5: date: warning: the DATE carries a note (\"date "
                             "added by S Finch as guesswork\"); kept as 1987-04-09T00:00:00",
                 });

  const auto lines = read_lines(tmp.str("out/documents.jsonl"));
  REQUIRE(lines.size() == 5);
  const auto doc = [&](std::size_t i) { return nlohmann::json::parse(lines[i]); };

  // 1: BODY with paragraphs, references, a Latin-1 byte, DEL, a doubled sign-off, all categories,
  // a duplicate TOPICS code, a code missing from the lists (atlantis), two authors.
  CHECK(doc(0) == nlohmann::json::parse(R"({
    "id": "reuters-1", "title": "OPEC <OIL> OUTPUT & PRICES SEEN FIRM",
    "date": "1987-02-26T15:01:01", "source": "Reuters", "language": "en",
    "dateline": "VIENNA, Feb 26 -", "authors": ["Jane Roe", "John Doe"],
    "text": "Oil ministers met in Vienna and agreed to hold output steady, a café owner near the meeting said.\nPrices rose 50 cts to 18 dlrs <a barrel>.\n\"We are firm,\" one minister said.",
    "entities": [
      {"id": "usa", "mentions": [], "source": "reuters"},
      {"id": "el-salvador", "mentions": [], "source": "reuters"},
      {"id": "atlantis", "mentions": [], "source": "reuters"},
      {"id": "reagan", "mentions": [], "source": "reuters"},
      {"id": "opec", "mentions": [], "source": "reuters"},
      {"id": "nymex", "mentions": [], "source": "reuters"}],
    "themes": [{"id": "crude", "source": "reuters"}, {"id": "nat-gas", "source": "reuters"}]})"));
  // 2: malformed DATE (no date), BRIEF: the title (over lines, signed) is the text.
  CHECK(doc(1) == nlohmann::json::parse(R"({
    "id": "reuters-2", "title": "BANK OF ENGLAND SETS MONEY MARKET HELP",
    "source": "Reuters", "language": "en", "text": "BANK OF ENGLAND SETS MONEY MARKET HELP",
    "entities": [{"id": "uk", "mentions": [], "source": "reuters"}]})"));
  // 3: telex codes after the DATE; UNPROC text without TITLE or BODY.
  CHECK(doc(2) == nlohmann::json::parse(R"({
    "id": "reuters-3", "date": "1987-03-27T00:03:35", "source": "Reuters", "language": "en",
    "text": "FEDERAL RESERVE WEEKLY REPORT - MARCH 27\nOne week ended March 25\nM-1.........................736.7 up.......2.1\nPrevious week revised to....734.6 From...734.2",
    "entities": [{"id": "usa", "mentions": [], "source": "reuters"}],
    "themes": [{"id": "money-supply", "source": "reuters"}]})"));
  // 4: no text, no title, no dateline: the id is the text (and a warning).
  CHECK(doc(3) == nlohmann::json::parse(R"({
    "id": "reuters-4", "date": "1987-04-03T07:09:06", "source": "Reuters", "language": "en",
    "text": "reuters-4"})"));
  // 5: the second file, with CRLF line ends, a DATE with a comment.
  CHECK(doc(4) == nlohmann::json::parse(R"({
    "id": "reuters-5", "title": "BAKER SAYS OIL PRICES STABLE", "date": "1987-04-09T00:00:00",
    "source": "Reuters", "language": "en", "dateline": "WASHINGTON, April 9 -",
    "text": "Treasury Secretary James Baker said oil prices were stable.",
    "entities": [{"id": "usa", "mentions": [], "source": "reuters"},
                 {"id": "james-baker", "mentions": [], "source": "reuters"}],
    "themes": [{"id": "crude", "source": "reuters"}]})"));

  const auto lines_of_registry = read_lines(tmp.str("out/entities.jsonl"));
  REQUIRE(lines_of_registry.size() == 8);
  // El Salvador gets its cities from the system's gazetteer when installed (reuters_registry.h;
  // tests/indexer/reuters_registry_test.cc checks those rules on a fixture of its own).
  const auto el_salvador = nlohmann::json::parse(lines_of_registry[1]);
  CHECK(el_salvador["id"] == "el-salvador");
  CHECK(el_salvador["name"] == "El Salvador");
  CHECK(el_salvador["description"] == "Reuters-21578 PLACES code");
  std::vector<std::string> fixed(lines_of_registry.begin(), lines_of_registry.begin() + 6);
  fixed.erase(fixed.begin() + 1);
  CHECK((
      fixed ==
      std::vector<std::string>{
          R"json({"id":"atlantis","name":"Atlantis","type":"GPE","aliases":[],"description":"Reuters-21578 PLACES code"})json",
          R"json({"id":"james-baker","name":"James Baker","type":"PERSON","aliases":["Baker"],"description":"Reuters-21578 PEOPLE code: Treasury Secretary James Baker (United States)"})json",
          R"json({"id":"nymex","name":"New York Mercantile Exchange","type":"ORG","aliases":["NYMEX"],"description":"Reuters-21578 EXCHANGES code"})json",
          R"json({"id":"opec","name":"Organisation of Petroleum Exporting Countries","type":"ORG","aliases":["OPEC"],"description":"Reuters-21578 ORGS code"})json",
          R"json({"id":"reagan","name":"Reagan","type":"PERSON","aliases":[],"description":"Reuters-21578 PEOPLE code: President Ronald Reagan (United States)"})json",
      }));
  // Places also get the cities of their time zones (ICU's CLDR exemplar cities), before the
  // irregular names and demonyms; zones below a state (America/North_Dakota/Center) are left out.
  const auto uk = nlohmann::json::parse(lines_of_registry[6]);
  const auto usa = nlohmann::json::parse(lines_of_registry[7]);
  CHECK(uk["id"] == "uk");
  CHECK(usa["id"] == "usa");
  const auto has = [](const nlohmann::json& e, const std::string& alias) {
    const auto& a = e["aliases"];
    return std::find(a.begin(), a.end(), alias) != a.end();
  };
  for (const char* a : {"London", "Britain", "British", "U.K.", "United Kingdom"}) {
    INFO(a);
    CHECK(has(uk, a));
  }
  for (const char* a : {"New York", "Chicago", "Los Angeles", "Denver", "Detroit", "U.S.",
                        "United States", "American", "Americans", "America"}) {
    INFO(a);
    CHECK(has(usa, a));
  }
  CHECK_FALSE(has(usa, "Center"));
  CHECK_FALSE(has(usa, "Knox"));
  const auto themes = nlohmann::json::parse(read_file(tmp.str("out/themes.json")));
  REQUIRE(themes["themes"].size() == 4);
  CHECK(
      themes["themes"][0] ==
      nlohmann::json::parse(
          R"({"id":"acq","label":"Mergers/Acquisitions","description":"Reuters-21578 TOPICS category \"acq\""})"));
  CHECK(themes["themes"][1]["label"] == "Crude Oil");
  CHECK(themes["themes"][3]["id"] == "nat-gas");
  CHECK(themes["themes"][3]["label"] == "Natural Gas");
  CHECK_FALSE(themes["themes"][1].contains("parent"));
}

TEST_CASE("an .sgm file can be named directly and --language overrides en", "[import][reuters]") {
  TempDir tmp;
  ImportOptions options;
  options.inputs = {source_path("tests/fixtures/import/reuters21578/reut2-001.sgm")};
  options.language = "en-GB";
  const auto c = import_into("reuters21578", options, tmp.str("out"));
  CHECK(c.result.documents == 1);
  const auto lines = read_lines(tmp.str("out/documents.jsonl"));
  REQUIRE(lines.size() == 1);
  CHECK(nlohmann::json::parse(lines[0])["language"] == "en-GB");
  // The category files beside the named file are still read (7 listed codes; "atlantis" is only
  // in reut2-000.sgm).
  CHECK(c.result.entities == 7);
}

TEST_CASE("a code listed in two categories keeps the first with a warning", "[import][reuters]") {
  TempDir tmp;
  tmp.write("cats/all-orgs-strings.lc.txt", "ico\n");
  tmp.write("cats/all-exchanges-strings.lc.txt", "ico\nnyse\n");
  tmp.write("cats/all-places-strings.lc.txt", "ico\n");
  ImportResult result;
  std::vector<Diagnostic> diags;
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { diags.push_back(d); };
  DiagnosticReporter reporter(hooks, result);
  ReutersCategories categories;
  categories.load(tmp.str("cats"), reporter);
  REQUIRE(categories.registry().find("ico") != nullptr);
  CHECK(categories.registry().find("ico")->type == "GPE");  // places are read first
  CHECK(categories.registry().find("nyse")->name == "NYSE");
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].message == "the code is also listed as GPE; the first listing is kept");
  CHECK(diags[0].severity == Severity::kWarning);
}

TEST_CASE("a category code that is not a valid id is repaired with a warning",
          "[import][reuters]") {
  std::vector<Diagnostic> diags;
  const auto records = read_all(
      "<REUTERS NEWID=\"3\">\n<DATE>1-MAR-1987 10:00:00.00</DATE>\n"
      "<TOPICS><D>Crude Oil</D></TOPICS>\n<PLACES><D> usa </D><D>usa</D></PLACES>\n"
      "<TEXT><BODY>x</BODY></TEXT></REUTERS>\n",
      &diags);
  REQUIRE(records.size() == 1);
  const Document& doc = records[0].document;
  REQUIRE(doc.themes.size() == 1);
  CHECK(doc.themes[0].id == "Crude-Oil");
  REQUIRE(doc.entities.size() == 1);  // trimmed, then a duplicate
  CHECK(doc.entities[0].id == "usa");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].format() ==
        "x.sgm:3: id=reuters-3: topics: warning: code \"Crude Oil\" is not a valid id; imported "
        "as \"Crude-Oil\"");
}

// Found by tests/fuzz/fuzz_import: a category code (or a NEWID) longer than the id limit made a
// document the corpus reader rejects, so `build` of the import lost it. The code is dropped with
// a warning, the record with such a NEWID skipped with an error.
TEST_CASE("codes and NEWIDs too long for an id", "[import][reuters]") {
  std::vector<Diagnostic> diags;
  const std::string code(201, 'c');
  const std::string newid(193, '1');  // "reuters-" + 193 digits = 201 bytes
  const auto records = read_all(
      "<REUTERS NEWID=\"3\">\n<DATE>1-MAR-1987 10:00:00.00</DATE>\n"
      "<TOPICS><D>" +
          code + "</D><D>crude</D></TOPICS>\n" +
          "<TEXT><BODY>x</BODY></TEXT></REUTERS>\n<REUTERS NEWID=\"" + newid +
          "\"><DATE>1-MAR-1987 10:00:00.00</DATE>\n"
          "<TEXT><BODY>y</BODY></TEXT></REUTERS>\n",
      &diags);
  REQUIRE(records.size() == 1);
  const Document& doc = records[0].document;
  REQUIRE(doc.themes.size() == 1);
  CHECK(doc.themes[0].id == "crude");
  std::vector<std::string> lines;
  for (const auto& d : diags) lines.push_back(d.format());
  CHECK(lines == std::vector<std::string>{
                     "x.sgm:3: id=reuters-3: topics: warning: code of 201 bytes is longer than "
                     "200; dropped",
                     "x.sgm:5: id=?: id: NEWID of 193 digits makes an id longer than 200 bytes; "
                     "record skipped",
                 });
}
