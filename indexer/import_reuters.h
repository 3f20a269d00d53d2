// The Reuters-21578 importer: the SGML files (Latin-1, with character references that XML parsers
// reject) to corpus documents, and the category lists to a registry and a taxonomy.
//
// Each <REUTERS NEWID="n"> becomes the document `reuters-n`: date from DATE to the second, title
// from TITLE, text from BODY (a line that starts with white space begins a paragraph; the others
// continue it) or, without a BODY, from what the TEXT holds (a BRIEF's title, an UNPROC's text);
// TOPICS become themes, PLACES entities of type GPE, PEOPLE PERSON, ORGS and EXCHANGES ORG, all
// document-level with source "reuters" and the codes as ids. Nothing is dropped: a malformed DATE
// leaves the document without a date and is a warning.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/document.h"
#include "indexer/import_common.h"

namespace annosearch {

// Decodes SGML character data of Reuters-21578 to UTF-8: Latin-1 bytes become their code points;
// &lt; &gt; &amp; &quot; &apos; and numeric references (&#N; &#xN;) are decoded; references to
// control characters (&#1;..&#31; except tab and newline) are dropped (telex framing: &#2; starts
// and &#3; ends a text); &#127; becomes a space (it stands for a character lost between words).
[[nodiscard]] std::string decode_reuters_text(std::string_view latin1);

// Parses a DATE as decoded (" 26-FEB-1987 15:01:01.79" -> 1987-02-26T15:01:01, to the second).
// Leading and repeated white space is allowed; what follows the time after white space (telex
// codes like "F", a "# comment") is returned in *trailing and otherwise ignored. Returns nullopt
// and sets *error for a malformed date ("31-MAR-1987 605:12:19.12").
[[nodiscard]] std::optional<PartialDate> parse_reuters_date(std::string_view text,
                                                            std::string* error = nullptr,
                                                            std::string* trailing = nullptr);

// The paragraphs of a decoded BODY (or UNPROC text): a line starting with white space begins a
// new paragraph, other lines continue the current one joined with a space, blank lines end one;
// lines are trimmed; the sign-off line (" Reuter", "REUTER", "REUTER...") at the end is dropped,
// and so is a sign-off that ends the last line after a full stop ("year ago. REUTER").
// Paragraphs are joined with '\n'.
[[nodiscard]] std::string reuters_paragraphs(std::string_view decoded);

// The categories of Reuters-21578 and how they map to the corpus format.
enum class ReutersCategory { kTopics, kPlaces, kPeople, kOrgs, kExchanges };

// What cat-descriptions_120396.txt says about a code: "Crude Oil (CRUDE)" -> label "Crude Oil";
// for people also the country or body they are listed under.
struct ReutersDescription {
  std::string label;
  std::string group;  // "United States" for REAGAN; empty elsewhere
};

// Parses cat-descriptions_120396.txt (Latin-1), by lower-case code. Entries without a label (the
// country codes, most commodity codes) are absent.
[[nodiscard]] std::map<std::string, ReutersDescription> parse_reuters_descriptions(
    std::istream& in);

// The registry and taxonomy of the category codes. Built from the category lists and descriptions
// (where present), and grown with every code met in the documents, so that every id a document uses
// is defined even without the list files.
class ReutersCategories {
 public:
  // Reads all-{topics,places,people,orgs,exchanges}-strings.lc.txt and
  // cat-descriptions_120396.txt from dir; a missing file is skipped (the codes met in the documents
  // still get entries). A code listed in two entity categories keeps the first (places, people,
  // orgs, exchanges) and the clash is a warning.
  void load(const std::filesystem::path& dir, DiagnosticReporter& reporter);
  // Registers a code met in a document (no-op if known).
  void add(ReutersCategory category, const std::string& code);
  [[nodiscard]] const Registry& registry() const { return registry_; }
  [[nodiscard]] const Taxonomy& taxonomy() const { return taxonomy_; }
  // What load() says about the names it added beyond the lists (the gazetteer's files and counts).
  [[nodiscard]] const std::vector<std::string>& notes() const { return notes_; }

 private:
  void add_entity(ReutersCategory category, const std::string& code, const std::string& file,
                  DiagnosticReporter* reporter);
  std::map<std::string, ReutersDescription> descriptions_;
  Registry registry_;
  Taxonomy taxonomy_;
  std::vector<std::string> notes_;
};

// A <REUTERS> record found in a file: its document and where it starts.
struct ReutersRecord {
  Document document;
  std::size_t line = 0;  // 1-based line of the <REUTERS tag
};

// Reads the <REUTERS> records of one SGML stream in order, one at a time (memory holds one record).
// Problems are diagnostics (file, line, id, field); a record without a NEWID is skipped with an
// error, every other record is returned. Category codes are registered in `categories`.
class ReutersReader {
 public:
  ReutersReader(std::istream& in, std::string file, ReutersCategories& categories,
                DiagnosticReporter& reporter);
  // The next record, or nullopt at the end of the stream.
  [[nodiscard]] std::optional<ReutersRecord> next();

 private:
  [[nodiscard]] std::optional<ReutersRecord> parse(const std::string& raw, std::size_t line);
  std::istream& in_;
  std::string file_;
  ReutersCategories& categories_;
  DiagnosticReporter& reporter_;
  std::string pending_;  // the rest of the current line after a </REUTERS>
  std::size_t line_ = 0;
  bool pending_valid_ = false;
};

// Imports Reuters-21578: inputs are .sgm files or directories holding reut2-*.sgm (read in name
// order, so NEWID order). The category files are looked for beside the first input. Writes
// DIR/documents.jsonl, DIR/entities.jsonl and DIR/themes.json and calls writer.finish().
ImportResult import_reuters(const ImportOptions& options, CorpusWriter& writer,
                            const ImportHooks& hooks);

}  // namespace annosearch
